package com.astradesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.config.AstraDeskConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What the container image promises, checked without a Docker engine (none runs here): its {@code ENV} fed to the
 * server's configuration finds the knowledge base where the image copies it, and the docs name its real JRE.
 */
class DockerfileTest {
    private static final Path DOCKERFILE = Path.of("Dockerfile");

    @Test
    void should_point_the_knowledge_base_at_the_documents_the_image_bundles() throws IOException {
        // given
        String dockerfile = Files.readString(DOCKERFILE);
        Matcher copy = Pattern.compile("(?m)^COPY .*docs/kb (\\S+)$").matcher(dockerfile);
        assertThat(copy.find()).as("the image copies docs/kb").isTrue();

        // when
        AstraDeskConfig config = AstraDeskConfig.fromEnv(env(dockerfile));

        // then
        assertThat(config.knowledge().directory()).isEqualTo(Path.of(copy.group(1)));
        assertThat(config.knowledge().directoryExplicit()).isTrue();
        assertThat(config.devIssuer().home().toString()).startsWith("/tmp");
    }

    @Test
    void should_name_the_images_real_jre_in_the_docs() throws IOException {
        Matcher from = Pattern.compile("(?m)^FROM eclipse-temurin:(\\d+)-jre").matcher(Files.readString(DOCKERFILE));
        assertThat(from.find()).isTrue();
        String jre = "JRE " + from.group(1);

        String deployment = Files.readString(Path.of("..", "docs", "DEPLOYMENT.md"));
        String changelog = Files.readString(Path.of("..", "CHANGELOG.md"));
        assertThat(deployment).contains(jre).doesNotContainPattern("JRE (?!" + from.group(1) + ")\\d+");
        assertThat(changelog).contains(jre).doesNotContain("JRE 17 `deploy/Dockerfile`");
    }

    /** The {@code ENV} instructions (one or continued over several lines). */
    private static Map<String, String> env(String dockerfile) {
        Map<String, String> env = new LinkedHashMap<>();
        Matcher block = Pattern.compile("(?m)^ENV ((?:.*\\\\\\n)*.*)$").matcher(dockerfile);
        while (block.find()) {
            Matcher pair = Pattern.compile("([A-Z_]+)=(\"[^\"]*\"|\\S+)").matcher(block.group(1));
            while (pair.find()) {
                env.put(pair.group(1), pair.group(2).replaceAll("^\"|\"$", ""));
            }
        }
        return env;
    }
}
