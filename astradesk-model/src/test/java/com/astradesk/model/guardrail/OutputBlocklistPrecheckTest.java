package com.astradesk.model.guardrail;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The stock output blocklist skips a pattern whose literal an answer does not contain: it must refuse exactly what
 * running every pattern over every answer refuses.
 */
class OutputBlocklistPrecheckTest {
    private static final OutputBlocklistGuardrail EXHAUSTIVE =
            OutputBlocklistGuardrail.withPatterns(OutputBlocklistGuardrail.DEFAULT_PATTERNS);
    private static final OutputBlocklistGuardrail PRECHECKED = OutputBlocklistGuardrail.withDefaults();
    private static final ChatRequest REQUEST = ChatRequest.of(List.of(ChatMessage.user("q")));

    private static final List<String> PIECES = List.of(
            "-----BEGIN ",
            "-----BEGIN",
            "RSA ",
            "EC ",
            "OPENSSH ",
            "PRIVATE KEY-----",
            "PRIVATE KEY",
            "-----",
            "begin ",
            "private key",
            "sk-",
            "SK-",
            "sk_",
            "-sk-",
            "xsk-",
            "AKIA",
            "akia",
            "AKIA1",
            "ABCDEFGHIJKLMNOP",
            "0123456789ABCDEF",
            "abcdefghij",
            "0123456789",
            "_-",
            "Z",
            "7",
            " ",
            "\n",
            ".",
            "key",
            "é",
            "ß");

    @Test
    void should_refuse_exactly_what_the_exhaustive_patterns_refuse_on_random_answers() {
        Random random = new Random(23);
        int refused = 0;
        int[] perPattern = new int[OutputBlocklistGuardrail.DEFAULT_PATTERNS.size()];
        List<OutputBlocklistGuardrail> single = OutputBlocklistGuardrail.DEFAULT_PATTERNS.stream()
                .map(pattern -> OutputBlocklistGuardrail.withPatterns(List.of(pattern)))
                .toList();

        for (int n = 0; n < 60_000; n++) {
            StringBuilder answer = new StringBuilder();
            int pieces = 1 + random.nextInt(10);
            for (int i = 0; i < pieces; i++) {
                answer.append(PIECES.get(random.nextInt(PIECES.size())));
            }
            String text = answer.toString();

            GuardrailResult expected = EXHAUSTIVE.check(text, REQUEST);

            assertThat(PRECHECKED.check(text, REQUEST)).as("answer '%s'", text).isEqualTo(expected);
            if (expected instanceof GuardrailResult.Failure) {
                refused++;
                for (int p = 0; p < single.size(); p++) {
                    if (single.get(p).check(text, REQUEST) instanceof GuardrailResult.Failure) {
                        perPattern[p]++;
                    }
                }
            }
        }

        assertThat(refused).isGreaterThan(300);
        assertThat(perPattern).as("matches per stock pattern").doesNotContain(0);
    }

    @Test
    void should_have_one_literal_per_stock_pattern() {
        assertThat(OutputBlocklistGuardrail.DEFAULT_LITERALS)
                .hasSameSizeAs(OutputBlocklistGuardrail.DEFAULT_PATTERNS)
                .allSatisfy(literal -> assertThat(literal).isNotEmpty());
    }
}
