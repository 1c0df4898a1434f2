package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.guardrail.InputGuardrail;
import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatRole;
import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Refuses user messages that match a blocklist of prompt-injection and jailbreak phrasings (English and
 * Polish; matched case- and diacritic-insensitively). Only user messages are checked: system and assistant
 * text comes from the application. Rule name {@value #RULE}. Immutable and thread-safe.
 */
public final class PromptInjectionGuardrail implements InputGuardrail {
    /** The rule this guardrail reports. */
    public static final String RULE = "prompt_injection";

    /** The stock patterns, written lower-case without diacritics. */
    public static final List<String> DEFAULT_PATTERNS = List.of(
            "\\b(ignore|disregard|override|bypass)\\s+(all\\s+|any\\s+|the\\s+|your\\s+)*(previous|prior|above|earlier"
                    + "|preceding|system)\\s+(instructions?|prompts?|rules|messages|directives)",
            "\\bforget\\s+(all\\s+|any\\s+|the\\s+|your\\s+)*(previous\\s+|prior\\s+)?(instructions?|rules|prompts?)",
            "\\b(reveal|show|print|repeat|output|leak)\\s+(me\\s+)?(your|the)\\s+(system\\s+prompt|hidden\\s+"
                    + "instructions|initial\\s+instructions|instructions\\s+above)",
            "\\byou\\s+are\\s+now\\s+(dan|in\\s+developer\\s+mode|jailbroken|unrestricted|unfiltered)",
            "\\bdo\\s+anything\\s+now\\b",
            "\\bdeveloper\\s+mode\\s+(enabled|on)\\b",
            "\\bjailbreak",
            "\\b(act|respond)\\s+as\\s+.{0,40}\\bwithout\\s+(any\\s+)?(restrictions|filters|limits|rules)",
            "\\bpretend\\s+(that\\s+)?(you\\s+have|there\\s+are)\\s+no\\s+(rules|restrictions|guidelines)",
            "\\bzignoruj\\s+(wszystkie\\s+|poprzednie\\s+|wczesniejsze\\s+)*(instrukcje|polecenia|zasady)",
            "\\bzapomnij\\s+(o\\s+)?(wszystkich\\s+|poprzednich\\s+)*(instrukcjach|poleceniach|zasadach)",
            "\\b(pokaz|ujawnij|wypisz)\\s+(swoj\\s+|twoj\\s+)?(prompt\\s+systemowy|ukryte\\s+instrukcje)",
            "<\\|?\\s*(im_start|im_end|system)\\s*\\|?>",
            "\\[/?inst\\]");

    private final List<Pattern> patterns;

    private PromptInjectionGuardrail(List<Pattern> patterns) {
        this.patterns = List.copyOf(patterns);
    }

    /** The guardrail with {@link #DEFAULT_PATTERNS}. */
    public static PromptInjectionGuardrail withDefaults() {
        return withPatterns(DEFAULT_PATTERNS);
    }

    /**
     * A guardrail with the given regular expressions (applied to lower-cased text without diacritics).
     *
     * @throws IllegalArgumentException naming a pattern that does not compile
     */
    public static PromptInjectionGuardrail withPatterns(List<String> regexes) {
        var compiled = new ArrayList<Pattern>();
        for (String regex : Objects.requireNonNull(regexes, "regexes")) {
            try {
                compiled.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "invalid blocklist pattern '" + regex + "': " + e.getDescription(), e);
            }
        }
        return new PromptInjectionGuardrail(compiled);
    }

    /** This guardrail plus more patterns. */
    public PromptInjectionGuardrail and(List<String> regexes) {
        var all = new ArrayList<>(patterns);
        all.addAll(withPatterns(regexes).patterns);
        return new PromptInjectionGuardrail(all);
    }

    @Override
    public GuardrailResult check(ChatRequest request) {
        for (int i = 0; i < request.messages().size(); i++) {
            ChatMessage message = request.messages().get(i);
            if (message.role() != ChatRole.USER) {
                continue;
            }
            String folded = Language.fold(message.content()).replaceAll("\\s+", " ");
            for (Pattern pattern : patterns) {
                if (pattern.matcher(folded).find()) {
                    return GuardrailResult.failure(
                            RULE, "message " + i + " looks like an attempt to override the assistant's instructions");
                }
            }
        }
        return GuardrailResult.pass();
    }
}
