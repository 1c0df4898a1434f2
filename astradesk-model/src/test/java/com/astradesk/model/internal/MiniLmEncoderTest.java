package com.astradesk.model.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MiniLmEncoderTest {
    private static MiniLmEncoder encoder;

    @BeforeAll
    static void load() {
        encoder = MiniLmEncoder.load();
    }

    @AfterAll
    static void close() {
        encoder.close();
    }

    @Test
    void should_produce_the_vectors_langchain4j_produces_for_the_same_model() {
        // given: short, non-English, odd punctuation, and a text longer than one 510-token window
        StringBuilder longText = new StringBuilder();
        for (int i = 0; i < 120; i++) {
            longText.append("Step ").append(i).append(": restart payments-api and check the dashboard. ");
        }
        List<String> texts = List.of(
                "How do I reset my VPN password?",
                "Polityka dyżurów: zgłoszenie P1 wymaga reakcji w ciągu 15 minut.",
                "café ## don't [UNK] 東京 <b>tags</b> e-mail: ops@example.com",
                longText.toString());
        var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();

        for (String text : texts) {
            // when
            float[] ours = encoder.embed(text);
            float[] theirs = reference.embed(TextSegment.from(text)).content().vector();

            // then
            assertThat(ours).hasSize(384);
            for (int j = 0; j < ours.length; j++) {
                assertThat(ours[j])
                        .as("component %d of '%.30s'", j, text)
                        .isCloseTo(theirs[j], org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
    }

    @Test
    void should_match_langchain4j_on_every_paragraph_of_the_sample_knowledge_base() throws IOException {
        // given
        List<String> paragraphs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("..", "docs", "kb"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).toList()) {
                for (String p : Files.readString(file).split("\n\n")) {
                    if (!p.isBlank()) {
                        paragraphs.add(p.strip());
                    }
                }
            }
        }
        var reference = new AllMiniLmL6V2QuantizedEmbeddingModel();

        // then
        assertThat(paragraphs).hasSizeGreaterThan(50);
        for (String p : paragraphs) {
            float[] ours = encoder.embed(p);
            float[] theirs = reference.embed(TextSegment.from(p)).content().vector();
            double dot = 0;
            for (int j = 0; j < ours.length; j++) {
                dot += ours[j] * theirs[j];
            }
            assertThat(dot).as("cosine for '%.40s'", p).isGreaterThan(0.99999);
        }
    }

    @Test
    void should_cut_long_token_lists_into_windows_without_splitting_words() {
        // given: [CLS] a b ##c d [SEP]
        List<String> tokens = List.of("[CLS]", "a", "b", "##c", "d", "[SEP]");

        // when
        List<List<String>> windows = MiniLmEncoder.partition(tokens, 2);

        // then: the window ending before ##c is pulled back to keep "b ##c" together
        assertThat(windows).containsExactly(List.of("a"), List.of("b", "##c"), List.of("d"));
    }

    @Test
    void should_read_a_resource_completely() {
        assertThat(MiniLmEncoder.readResource(MiniLmEncoder.TOKENIZER_RESOURCE)).hasSize(711_661);
    }
}
