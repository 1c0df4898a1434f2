package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.guardrail.OutputGuardrail;
import com.astradesk.core.model.ChatRequest;
import java.util.Collections;
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

    /**
     * For each of {@link #DEFAULT_PATTERNS}, in order, a literal every match contains (the patterns are case
     * sensitive): an answer without it cannot match, and the regular expression is not run over it. A streamed
     * answer is checked again at every chunk, so this is paid per chunk. {@code OutputBlocklistPrecheckTest} checks
     * on random texts that this never skips a match.
     */
    static final List<String> DEFAULT_LITERALS = List.of("-----BEGIN ", "sk-", "AKIA");

    private final List<Pattern> patterns;
    /** Per pattern, a literal its every match contains, or "" (no precheck). */
    private final List<String> literals;

    private OutputBlocklistGuardrail(List<Pattern> patterns, List<String> literals) {
        this.patterns = List.copyOf(patterns);
        this.literals = List.copyOf(literals);
    }

    /** The guardrail with {@link #DEFAULT_PATTERNS}. */
    public static OutputBlocklistGuardrail withDefaults() {
        return new OutputBlocklistGuardrail(withPatterns(DEFAULT_PATTERNS).patterns, DEFAULT_LITERALS);
    }

    /**
     * A guardrail with the given regular expressions.
     *
     * @throws IllegalArgumentException naming a pattern that does not compile
     */
    public static OutputBlocklistGuardrail withPatterns(List<String> regexes) {
        List<Pattern> patterns = Objects.requireNonNull(regexes, "regexes").stream()
                .map(regex -> {
                    try {
                        return Pattern.compile(regex);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw new IllegalArgumentException(
                                "invalid blocklist pattern '" + regex + "': " + e.getDescription(), e);
                    }
                })
                .toList();
        return new OutputBlocklistGuardrail(patterns, Collections.nCopies(patterns.size(), ""));
    }

    @Override
    public GuardrailResult check(String output, ChatRequest request) {
        for (int i = 0; i < patterns.size(); i++) {
            if (output.contains(literals.get(i))
                    && patterns.get(i).matcher(output).find()) {
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
