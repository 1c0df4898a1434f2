package com.astradesk.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReadmeSnippetTest {
    private static final Path EXAMPLE = Path.of("src/main/java/com/astradesk/examples/ReadmeQuickstart.java");

    @Test
    void readme_embedding_snippet_is_the_compiled_example() throws IOException {
        String readme = Files.readString(Path.of("..", "README.md"));
        String source = Files.readString(EXAMPLE);
        String example = source.substring(
                        source.indexOf("// README:BEGIN\n") + "// README:BEGIN\n".length(),
                        source.indexOf("// README:END"))
                .strip();
        int start = readme.indexOf("```java\n", readme.indexOf("## Embed the SDK")) + "```java\n".length();
        String snippet = readme.substring(start, readme.indexOf("```", start)).strip();

        assertThat(snippet).isEqualTo(example);
    }

    @Test
    void readme_example_answers_with_a_citation_and_plans_the_restart() {
        PrintStream original = System.out;
        var out = new ByteArrayOutputStream();
        System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
        try {
            ReadmeQuickstart.main(new String[0]);
        } finally {
            System.setOut(original);
        }

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("vpn.md").contains("restart_service").contains("status=OK");
    }
}
