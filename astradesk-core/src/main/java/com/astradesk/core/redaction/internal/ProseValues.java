package com.astradesk.core.redaction.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Tells policy prose from a secret after {@code password:}: "Choose a new password: at least 14 characters" and
 * "Ustaw nowe hasło: co najmniej 14 znaków" describe a password, {@code password: hunter2} gives one. Only an
 * unquoted value after a colon is ever prose (the key/value rule asks); a value after {@code =} or in quotes is
 * data. Stateless.
 */
final class ProseValues {
    /**
     * English and Polish function words a sentence continues with. A value that is one of them and is followed by
     * another word is the start of a sentence, not a password: a closed list, so a real password that is an
     * ordinary word ({@code password: letmein}) is still redacted.
     */
    static final Set<String> FUNCTION_WORDS = Set.of(
            // English
            "a",
            "an",
            "the",
            "at",
            "least",
            "min",
            "minimum",
            "max",
            "maximum",
            "exactly",
            "between",
            "up",
            "must",
            "should",
            "shall",
            "will",
            "can",
            "cannot",
            "may",
            "is",
            "are",
            "was",
            "be",
            "not",
            "no",
            "never",
            "only",
            "same",
            "your",
            "my",
            "our",
            "their",
            "this",
            "that",
            "see",
            "use",
            "from",
            "of",
            "in",
            "on",
            "for",
            "to",
            "with",
            "without",
            "by",
            "as",
            "and",
            "or",
            "any",
            "one",
            "more",
            "choose",
            "enter",
            "set",
            "follow",
            "ask",
            "please",
            "if",
            // Polish (folded and with diacritics)
            "co",
            "najmniej",
            "conajmniej",
            "przynajmniej",
            "minimalnie",
            "dokładnie",
            "dokladnie",
            "od",
            "do",
            "musi",
            "powinno",
            "nie",
            "jest",
            "ten",
            "twoje",
            "swoje",
            "takie",
            "tylko",
            "jak",
            "z",
            "w",
            "na",
            "dla",
            "bez",
            "lub",
            "albo",
            "oraz",
            "ustaw",
            "wybierz",
            "wpisz",
            "podaj",
            "patrz",
            "zobacz",
            "prosimy");

    /** Words after a small number that make it a length: "password: 14 characters", "hasło: 12 znaków". */
    static final Set<String> LENGTH_UNITS = Set.of(
            "characters", "character", "chars", "letters", "symbols", "znaków", "znakow", "znaki", "liter", "symboli");

    private ProseValues() {}

    /**
     * Whether {@code value}, followed on its line by {@code after}, starts a sentence about the secret rather than
     * being the secret: a function word (or one with a dot, "min.") followed by another word, or a number of at most three digits (with an
     * optional {@code +}) followed by a length unit.
     */
    static boolean isProse(String value, String after) {
        String word = nextWord(after);
        if (word.isEmpty()) {
            return false;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (FUNCTION_WORDS.contains(v.endsWith(".") ? v.substring(0, v.length() - 1) : v)) { // "min. 14 znaków"
            return true;
        }
        return isSmallNumber(v) && LENGTH_UNITS.contains(word.toLowerCase(Locale.ROOT));
    }

    /**
     * The word (letters or digits) after the blanks at the start of {@code after}; empty if {@code after} starts
     * with anything else.
     */
    private static String nextWord(String after) {
        int i = 0;
        while (i < after.length() && (after.charAt(i) == ' ' || after.charAt(i) == '\t')) {
            i++;
        }
        if (i == 0) {
            return "";
        }
        int start = i;
        while (i < after.length() && Character.isLetterOrDigit(after.charAt(i))) {
            i++;
        }
        return after.substring(start, i);
    }

    private static boolean isSmallNumber(String v) {
        String digits = v.endsWith("+") ? v.substring(0, v.length() - 1) : v;
        return !digits.isEmpty() && digits.length() <= 3 && digits.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
