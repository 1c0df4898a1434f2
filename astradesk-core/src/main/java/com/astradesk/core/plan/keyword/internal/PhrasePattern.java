package com.astradesk.core.plan.keyword.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles the small phrase language of keyword rules into a regular expression over folded text. A phrase is
 * words separated by spaces; words match whole words only; a word ending in {@code *} matches any word that
 * starts with it ({@code zrestart*} matches "zrestartuj" and "zrestartowac"); the token {@code ...} stands for
 * up to three other words ({@code open ... ticket} matches "open a new ticket"); the token {@code #} stands for a
 * number ({@code ticket #} matches "ticket 88"). Between words any run of
 * spaces or punctuation other than a sentence end is allowed. Each compiled phrase keeps the spellings its literal
 * words accept (with their typo variants when tolerant), longest word first, so the regular expression runs only on
 * texts that contain one spelling of every word: most phrases of a rule table are ruled out by a few
 * {@code String.contains} calls. Trigger phrases may be compiled {@link #compileTolerant tolerant of typos}.
 * Immutable and thread-safe.
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
    // per literal word (longest first), the spellings it accepts: the text must contain one of each
    private final String[][] spellings;
    // the characters of each spelling, and those every spelling of the word has (see charMask)
    private final long[][] spellingMasks;
    private final long[] wordMasks;

    private PhrasePattern(Pattern pattern, String[][] spellings) {
        this.pattern = pattern;
        this.spellings = spellings;
        this.spellingMasks = new long[spellings.length][];
        this.wordMasks = new long[spellings.length];
        for (int w = 0; w < spellings.length; w++) {
            spellingMasks[w] = new long[spellings[w].length];
            long common = -1L;
            for (int k = 0; k < spellings[w].length; k++) {
                spellingMasks[w][k] = charMask(spellings[w][k]);
                common &= spellingMasks[w][k];
            }
            wordMasks[w] = common;
        }
    }

    /**
     * The characters a text holds, folded into 64 bits (bit {@code c & 63}): a spelling whose bits are not all in its
     * text's mask cannot be in the text. Compute it once per text for {@link #mayOccurIn(String, long)}.
     */
    public static long charMask(String text) {
        long mask = 0;
        for (int i = 0; i < text.length(); i++) {
            mask |= 1L << (text.charAt(i) & 63);
        }
        return mask;
    }

    /**
     * Whether the phrase can occur in the folded text at all: a necessary condition, cheap next to the regular
     * expression (every literal word, or one of its typo variants, is a substring of the text).
     */
    public boolean mayOccurIn(String folded) {
        return mayOccurIn(folded, charMask(folded));
    }

    /** As {@link #mayOccurIn(String)}, with the text's {@link #charMask} computed once by the caller. */
    public boolean mayOccurIn(String folded, long textMask) {
        for (int w = 0; w < spellings.length; w++) {
            if ((wordMasks[w] & ~textMask) != 0 || !containsAny(folded, textMask, w)) {
                return false;
            }
        }
        return true;
    }

    private boolean containsAny(String text, long textMask, int word) {
        String[] candidates = spellings[word];
        long[] masks = spellingMasks[word];
        for (int k = 0; k < candidates.length; k++) {
            if ((masks[k] & ~textMask) == 0 && text.contains(candidates[k])) {
                return true;
            }
        }
        return false;
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
        List<String[]> words = new ArrayList<>();
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
            List<String> spellings = spellings(token, phrase, tolerant);
            parts.add(word(token, spellings));
            if (!token.equals(NUMBER)) {
                words.add(spellings.toArray(String[]::new));
            }
        }
        if (parts.isEmpty() || gapPending) {
            throw new IllegalArgumentException("phrase '" + phrase + "' must have words and not end with '...'");
        }
        // the longest word first: it rules out the most texts
        words.sort(Comparator.comparingInt((String[] w) -> w[0].length()).reversed());
        return new PhrasePattern(
                Pattern.compile(BEFORE + String.join("", parts) + AFTER), words.toArray(String[][]::new));
    }

    /** Compiles each phrase. */
    public static List<PhrasePattern> compileAll(List<String> phrases) {
        return phrases.stream().map(PhrasePattern::compile).toList();
    }

    /** Whether any of the patterns occurs in {@code text} between {@code start} and {@code end}. */
    public static boolean anyWithin(List<PhrasePattern> patterns, String text, int start, int end) {
        return anyWithin(patterns, text, charMask(text), start, end);
    }

    /** As {@link #anyWithin(List, String, int, int)}, with the text's {@link #charMask} computed once by the caller. */
    public static boolean anyWithin(List<PhrasePattern> patterns, String text, long textMask, int start, int end) {
        for (PhrasePattern p : patterns) {
            if (!p.mayOccurIn(text, textMask)) {
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

    /**
     * Whether any of the patterns occurs between {@code regionStart} and {@code regionEnd} enclosing the span {@code
     * start}..{@code end}: "do ... mean" encloses "p95" in "what do p95 and p99 mean", across the clause break at
     * "and".
     */
    public static boolean anyEnclosing(
            List<PhrasePattern> patterns,
            String text,
            long textMask,
            int regionStart,
            int regionEnd,
            int start,
            int end) {
        for (PhrasePattern p : patterns) {
            if (!p.mayOccurIn(text, textMask)) {
                continue;
            }
            Matcher m = p.matcher(text).region(regionStart, regionEnd);
            m.useTransparentBounds(true);
            m.useAnchoringBounds(false);
            while (m.find() && m.start() <= start) {
                if (m.end() >= end) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String word(String token, List<String> spellings) {
        if (token.equals(NUMBER)) {
            return "\\p{N}+";
        }
        String suffix = token.endsWith("*") ? LETTER + "*" : "";
        if (spellings.size() == 1) {
            return Pattern.quote(spellings.get(0)) + suffix;
        }
        return "(?:" + String.join("|", spellings.stream().map(Pattern::quote).toList()) + ")" + suffix;
    }

    /** The spellings a word token accepts: its stem, and when tolerant its typo variants (the stem first). */
    private static List<String> spellings(String token, String phrase, boolean tolerant) {
        if (token.equals(NUMBER)) {
            return List.of();
        }
        boolean prefix = token.endsWith("*");
        String stem = prefix ? token.substring(0, token.length() - 1) : token;
        if (stem.isEmpty() || stem.contains("*")) {
            throw new IllegalArgumentException("bad word '" + token + "' in phrase '" + phrase + "'");
        }
        if (!tolerant || stem.length() < 5 || !stem.chars().allMatch(Character::isLetter)) {
            return List.of(stem);
        }
        var variants = new LinkedHashSet<String>();
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
        return List.copyOf(variants);
    }
}
