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

    /**
     * For each of {@link #DEFAULT_PATTERNS}, in order, words one of which every match contains (in the folded,
     * whitespace-collapsed text, where each {@code \s+} of a pattern matches one space): a text containing none of
     * them cannot match, and the regular expression is not run over it (a contains test is far cheaper than a
     * regular expression that tries every position). {@code PromptInjectionPrecheckTest} checks on random texts that
     * this never skips a match.
     */
    static final List<List<String>> DEFAULT_LITERALS = List.of(
            List.of("ignore", "disregard", "override", "bypass"),
            List.of("forget"),
            List.of("prompt", "instructions"),
            List.of("are now"),
            List.of("anything now"),
            List.of("developer mode"),
            List.of("jailbreak"),
            List.of("without"),
            List.of("pretend"),
            List.of("zignoruj"),
            List.of("zapomnij"),
            List.of("prompt systemowy", "ukryte instrukcje"),
            List.of("<"),
            List.of("inst]"));

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private final List<Rule> rules;
    private final boolean prechecked;

    /** A pattern and the literals one of which its every match contains; none: no precheck, it always runs. */
    private record Rule(Pattern pattern, List<String> literals) {
        boolean mayMatch(String canonical) {
            if (literals.isEmpty()) {
                return true;
            }
            for (String literal : literals) {
                if (canonical.contains(literal)) {
                    return true;
                }
            }
            return false;
        }
    }

    private PromptInjectionGuardrail(List<Rule> rules) {
        this.rules = List.copyOf(rules);
        this.prechecked = this.rules.stream().anyMatch(rule -> !rule.literals().isEmpty());
    }

    /** The guardrail with {@link #DEFAULT_PATTERNS}. */
    public static PromptInjectionGuardrail withDefaults() {
        List<Pattern> patterns = compile(DEFAULT_PATTERNS);
        var rules = new ArrayList<Rule>();
        for (int i = 0; i < patterns.size(); i++) {
            rules.add(new Rule(patterns.get(i), DEFAULT_LITERALS.get(i)));
        }
        return new PromptInjectionGuardrail(rules);
    }

    /**
     * A guardrail with the given regular expressions (applied to lower-cased text without diacritics).
     *
     * @throws IllegalArgumentException naming a pattern that does not compile
     */
    public static PromptInjectionGuardrail withPatterns(List<String> regexes) {
        return new PromptInjectionGuardrail(compile(regexes).stream()
                .map(pattern -> new Rule(pattern, List.of()))
                .toList());
    }

    private static List<Pattern> compile(List<String> regexes) {
        var compiled = new ArrayList<Pattern>();
        for (String regex : Objects.requireNonNull(regexes, "regexes")) {
            try {
                compiled.add(Pattern.compile(regex, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw new IllegalArgumentException(
                        "invalid blocklist pattern '" + regex + "': " + e.getDescription(), e);
            }
        }
        return compiled;
    }

    /** This guardrail plus more patterns. */
    public PromptInjectionGuardrail and(List<String> regexes) {
        var all = new ArrayList<>(rules);
        all.addAll(withPatterns(regexes).rules);
        return new PromptInjectionGuardrail(all);
    }

    @Override
    public GuardrailResult check(ChatRequest request) {
        for (int i = 0; i < request.messages().size(); i++) {
            ChatMessage message = request.messages().get(i);
            if (message.role() != ChatRole.USER) {
                continue;
            }
            String folded = WHITESPACE.matcher(Language.fold(message.content())).replaceAll(" ");
            String canonical = prechecked ? canonical(folded) : folded;
            for (Rule rule : rules) {
                if (rule.mayMatch(canonical) && rule.pattern().matcher(folded).find()) {
                    return GuardrailResult.failure(
                            RULE, "message " + i + " looks like an attempt to override the assistant's instructions");
                }
            }
        }
        return GuardrailResult.pass();
    }

    /**
     * The text as the patterns' case-insensitive matching sees it: each character as {@code
     * toLowerCase(toUpperCase(c))}, which is how {@link Pattern#CASE_INSENSITIVE} with {@link Pattern#UNICODE_CASE}
     * compares a character with a pattern's letter (so {@code ı} and {@code ſ}, left as they are by folding, match
     * {@code i} and {@code s} here as they do there). Folded ASCII text is already lower case.
     */
    static String canonical(String folded) {
        int i = 0;
        while (i < folded.length() && folded.charAt(i) < 0x80) {
            i++;
        }
        if (i == folded.length()) {
            return folded;
        }
        char[] chars = folded.toCharArray();
        for (; i < chars.length; i++) {
            chars[i] = Character.toLowerCase(Character.toUpperCase(chars[i]));
        }
        return new String(chars);
    }
}
