package com.astradesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every jar the build ships names its JPMS module in the manifest (run after the modules are packaged). */
class ModuleManifestsIT {
    @ParameterizedTest
    @CsvSource({
        "com.astradesk.core.tool.ToolRegistry, com.astradesk.core",
        "com.astradesk.model.ModelConfig, com.astradesk.model",
        "com.astradesk.tools.BuiltinToolProvider, com.astradesk.tools",
        "com.astradesk.server.Main, com.astradesk.server"
    })
    void should_name_the_automatic_module_of_each_library_jar(String className, String moduleName)
            throws ClassNotFoundException, IOException, URISyntaxException {
        // given
        Path jar = Path.of(Class.forName(className)
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());

        // then
        assertThat(jar.toString()).as("packaged jar of %s", className).endsWith(".jar");
        assertThat(automaticModuleName(jar)).isEqualTo(moduleName);
    }

    @ParameterizedTest
    @CsvSource({"../astradesk-server/target/astradesk-server.jar, com.astradesk.server"})
    void should_name_the_automatic_module_of_the_runnable_server_jar(String file, String moduleName)
            throws IOException {
        // given
        Path jar = Path.of(file);

        // then
        assertThat(jar).satisfies(j -> assertThat(Files.isRegularFile(j)).isTrue());
        assertThat(automaticModuleName(jar)).isEqualTo(moduleName);
    }

    private static String automaticModuleName(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
        }
    }
}
