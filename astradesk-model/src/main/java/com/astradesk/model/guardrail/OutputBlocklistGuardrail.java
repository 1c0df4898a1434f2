package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.guardrail.OutputGuardrail;
import com.astradesk.core.model.ChatRequest;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refuses an answer containing blocklisted text, by default what looks like a leaked secret (private keys,
 * API keys, AWS access keys). Incremental: a streamed answer ends with a violation as soon as the text
 * matches. Rule name {@value #RULE}. Immutable and thread-safe.
 */
public final class OutputBlocklistGuardrail implements OutputGuardrail {
    /** The rule this guardrail reports. */
    public static final String RULE = "output_blocklist";

    /** The stock patterns. */
    public static final List<String> DEFAULT_PATTERNS =
            List.of("-----BEGIN [A-Z ]*PRIVATE KEY-----", "\\bsk-[A-Za-z0-9_-]{20,}", "\\bAKIA[0-9A-Z]{16}\\b");

    private final List<Pattern> patterns;

    private OutputBlocklistGuardrail(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The guardrail with {@link #DEFAULT_PATTERNS}. */
    public static OutputBlocklistGuardrail withDefaults() {
        return withPatterns(DEFAULT_PATTERNS);
    }

    /**
     * A guardrail with the given regular expressions.
     *
     * @throws IllegalArgumentException naming a pattern that does not compile
     */
    public static OutputBlocklistGuardrail withPatterns(List<String> regexes) {
        return new OutputBlocklistGuardrail(Objects.requireNonNull(regexes, "regexes").stream()
                .map(regex -> {
                    try {
                        return Pattern.compile(regex);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new IllegalArgumentException(
                                "invalid blocklist pattern '" + regex + "': " + e.getDescription(), e);
                    }
                })
                .toList());
    }

    @Override
    public GuardrailResult check(String output, ChatRequest request) {
        for (Pattern pattern : patterns) {
            if (pattern.matcher(output).find()) {
                return GuardrailResult.failure(RULE, "the answer contains blocked content");
            }
        }
        return GuardrailResult.pass();
    }

    @Override
    public boolean incremental() {
        return true;
    }
}
