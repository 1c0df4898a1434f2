package com.astradesk.core.plan.keyword.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the small phrase language of keyword rules into a regular expression over folded text. A phrase is
 * words separated by spaces; words match whole words only; a word ending in {@code *} matches any word that
 * starts with it ({@code zrestart*} matches "zrestartuj" and "zrestartowac"); the token {@code ...} stands for
 * up to three other words ({@code open ... ticket} matches "open a new ticket"); the token {@code #} stands for a
 * number ({@code ticket #} matches "ticket 88"). Between words any run of
 * spaces or punctuation other than a sentence end is allowed. Each compiled phrase keeps its longest literal
 * word as an anchor, so the regular expression runs only on texts that contain it. Trigger phrases may be
 * compiled {@link #compileTolerant tolerant of typos}. Immutable and thread-safe.
 */
public final class PhrasePattern {
    /** The gap token. */
    public static final String GAP = "...";

    /** The number token. */
    public static final String NUMBER = "#";

    private static final String LETTER = "[\\p{L}\\p{N}]";
    private static final String BEFORE = "(?<!" + LETTER + ")";
    private static final String AFTER = "(?!" + LETTER + ")";
    private static final String SEPARATOR = "[^\\p{L}\\p{N}.!?\\n]+";
    private static final String GAP_WORDS = "(?:[\\p{L}\\p{N}_'-]+" + SEPARATOR + "){0,3}?";

    private final Pattern pattern;
    private final String anchor;

    private PhrasePattern(Pattern pattern, String anchor) {
        this.pattern = pattern;
        this.anchor = anchor;
    }

    /** Whether the phrase can occur in the folded text at all (a cheap test before the regular expression). */
    public boolean mayOccurIn(String folded) {
        return folded.contains(anchor);
    }

    /** A matcher of the phrase over the folded text. */
    public Matcher matcher(String folded) {
        return pattern.matcher(folded);
    }

    /**
     * Compiles one folded phrase.
     *
     * @throws IllegalArgumentException when the phrase has no word, starts or ends with a gap, or has two gaps
     *     in a row
     */
    public static PhrasePattern compile(String phrase) {
        return compile(phrase, false);
    }

    /**
     * Compiles one folded phrase so that each word of five letters or more also matches with two neighbouring
     * letters swapped ("restrat", "mertics"), and each of six or more with one letter missing ("wether",
     * "forcast", "creat") — never at the word's first letter. Meant for triggers, not blockers.
     *
     * @throws IllegalArgumentException as {@link #compile(String)}
     */
    public static PhrasePattern compileTolerant(String phrase) {
        return compile(phrase, true);
    }

    /** Compiles each phrase tolerant of typos. */
    public static List<PhrasePattern> compileTolerant(List<String> phrases) {
        return phrases.stream().map(PhrasePattern::compileTolerant).toList();
    }

    private static PhrasePattern compile(String phrase, boolean tolerant) {
        String[] tokens = phrase.trim().split("\\s+");
        List<String> parts = new ArrayList<>();
        String anchor = "";
        boolean gapPending = false;
        for (String token : tokens) {
            if (token.isEmpty()) {
                continue;
            }
            if (token.equals(GAP)) {
                if (parts.isEmpty() || gapPending) {
                    throw new IllegalArgumentException("misplaced '...' in phrase '" + phrase + "'");
                }
                gapPending = true;
                continue;
            }
            if (!parts.isEmpty()) {
                parts.add(SEPARATOR + (gapPending ? GAP_WORDS : ""));
            }
            gapPending = false;
            parts.add(word(token, phrase, tolerant));
            String stem = token.endsWith("*") ? token.substring(0, token.length() - 1) : token;
            if (!token.equals(NUMBER) && stem.length() > anchor.length()) {
                anchor = stem;
            }
        }
        if (tolerant) {
            anchor = anchor.isEmpty() ? "" : anchor.substring(0, 1);
        }
        if (parts.isEmpty() || gapPending) {
            throw new IllegalArgumentException("phrase '" + phrase + "' must have words and not end with '...'");
        }
        return new PhrasePattern(Pattern.compile(BEFORE + String.join("", parts) + AFTER), anchor);
    }

    /** Compiles each phrase. */
    public static List<PhrasePattern> compileAll(List<String> phrases) {
        return phrases.stream().map(PhrasePattern::compile).toList();
    }

    /** Whether any of the patterns occurs in {@code text} between {@code start} and {@code end}. */
    public static boolean anyWithin(List<PhrasePattern> patterns, String text, int start, int end) {
        for (PhrasePattern p : patterns) {
            if (!p.mayOccurIn(text)) {
                continue;
            }
            Matcher m = p.matcher(text).region(start, end);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            if (m.find()) {
                return true;
            }
        }
        return false;
    }

    private static String word(String token, String phrase, boolean tolerant) {
        if (token.equals(NUMBER)) {
            return "\\p{N}+";
        }
        boolean prefix = token.endsWith("*");
        String stem = prefix ? token.substring(0, token.length() - 1) : token;
        if (stem.isEmpty() || stem.contains("*")) {
            throw new IllegalArgumentException("bad word '" + token + "' in phrase '" + phrase + "'");
        }
        String suffix = prefix ? LETTER + "*" : "";
        if (!tolerant || stem.length() < 5 || !stem.chars().allMatch(Character::isLetter)) {
            return Pattern.quote(stem) + suffix;
        }
        var variants = new java.util.LinkedHashSet<String>();
        variants.add(stem);
        for (int i = 1; i + 1 < stem.length(); i++) {
            if (stem.charAt(i) != stem.charAt(i + 1)) {
                variants.add(stem.substring(0, i) + stem.charAt(i + 1) + stem.charAt(i) + stem.substring(i + 2));
            }
        }
        if (stem.length() >= 6) {
            for (int i = 1; i < stem.length(); i++) {
                variants.add(stem.substring(0, i) + stem.substring(i + 1));
            }
        }
        return "(?:" + String.join("|", variants.stream().map(Pattern::quote).toList()) + ")" + suffix;
    }
}
