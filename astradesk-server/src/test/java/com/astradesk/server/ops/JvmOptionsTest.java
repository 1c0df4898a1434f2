package com.astradesk.server.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The documented JVM settings are one list: deploy/jvm.options, repeated by the image and the Helm chart. */
class JvmOptionsTest {
    private static final Path ROOT = Path.of("..");

    @Test
    void should_run_the_image_and_the_helm_api_and_model_gateways_with_the_options_file() throws IOException {
        // given
        List<String> options = Files.readAllLines(ROOT.resolve("deploy/jvm.options")).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .toList();

        // when
        List<String> image = quoted(ROOT.resolve("deploy/Dockerfile"), "JAVA_TOOL_OPTIONS=\"([^\"]*)\"");
        List<String> helm = quoted(ROOT.resolve("deploy/helm/astradesk/values.yaml"), "javaOpts: \"([^\"]*)\"");
        List<String> modelGateway = quoted(
                ROOT.resolve("deploy/helm/astradesk/values.yaml"), "(?s)\nmodelGateway:.*?\n  javaOpts: \"([^\"]*)\"");

        // then
        assertThat(options).contains("-Xmx192m").anyMatch(o -> o.startsWith("-Xms"));
        assertThat(image).containsExactlyElementsOf(options);
        assertThat(helm).as("apiGateway.javaOpts, the first javaOpts").containsExactlyElementsOf(options);
        assertThat(modelGateway).as("modelGateway.javaOpts (astradesk gateway)").containsExactlyElementsOf(options);
        assertThat(Files.readString(ROOT.resolve("scripts/run-server"))).contains("deploy/jvm.options");
        assertThat(Files.readString(ROOT.resolve("benchmarks/load/gateway.sh"))).contains("deploy/jvm.options");
    }

    private static List<String> quoted(Path file, String regex) throws IOException {
        Matcher m = Pattern.compile(regex).matcher(Files.readString(file));
        assertThat(m.find()).as("%s in %s", regex, file).isTrue();
        return Arrays.asList(m.group(1).trim().split("\\s+"));
    }
}
