package com.astradesk.core.redaction.internal;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * Cheap necessary conditions for the stock rules: one linear scan each, no allocation. A rule's regex (with its
 * look-behinds, run from every position) costs far more than these, and most text — log lines, span attributes,
 * tool arguments — has nothing to redact.
 */
final class Prechecks {
    private static final String[] VERBS = {"is", "was"};

    private Prechecks() {}

    /** At least {@code n} ASCII digits anywhere in the text. */
    static Predicate<String> digits(int n) {
        return text -> {
            int count = 0;
            for (int i = 0; i < text.length(); i++) {
                if (isDigit(text.charAt(i)) && ++count >= n) {
                    return true;
                }
            }
            return false;
        };
    }

    /**
     * At least {@code n} ASCII digits in one stretch of text made only of digits and {@code separators} (a phone
     * number written with spaces, dots, dashes or brackets).
     */
    static Predicate<String> digitsAmong(int n, String separators) {
        return text -> {
            int count = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (isDigit(c)) {
                    if (++count >= n) {
                        return true;
                    }
                } else if (separators.indexOf(c) < 0) {
                    count = 0;
                }
            }
            return false;
        };
    }

    /** A run of at least {@code n} consecutive ASCII digits. */
    static Predicate<String> digitRun(int n) {
        return text -> {
            int run = 0;
            for (int i = 0; i < text.length(); i++) {
                run = isDigit(text.charAt(i)) ? run + 1 : 0;
                if (run >= n) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Two upper-case ASCII letters followed by two digits (the start of an IBAN). */
    static boolean countryAndCheckDigits(String text) {
        for (int i = 0; i + 3 < text.length(); i++) {
            if (isUpper(text.charAt(i))
                    && isUpper(text.charAt(i + 1))
                    && isDigit(text.charAt(i + 2))
                    && isDigit(text.charAt(i + 3))) {
                return true;
            }
        }
        return false;
    }

    /** Any of the characters. */
    static Predicate<String> anyChar(String chars) {
        return text -> {
            for (int i = 0; i < text.length(); i++) {
                if (chars.indexOf(text.charAt(i)) >= 0) {
                    return true;
                }
            }
            return false;
        };
    }

    /** Any of the words, ignoring case (the words must be lower case): the text is lower-cased once. */
    static Predicate<String> anyWordIgnoringCase(String... words) {
        return text -> containsAny(text.toLowerCase(Locale.ROOT), words);
    }

    /**
     * One of the characters, and one of the words ignoring case (lower case): a {@code key: value} pair whose key
     * names a secret.
     */
    static Predicate<String> anyCharAndWordIgnoringCase(String chars, String... words) {
        Predicate<String> anyChar = anyChar(chars);
        Predicate<String> anyWord = anyWordIgnoringCase(words);
        return text -> anyChar.test(text) && anyWord.test(text);
    }

    /**
     * {@code "://"} and, after it, an {@code @}: credentials in a URL ({@code scheme://user:password@host}).
     */
    static boolean urlWithAt(String text) {
        int scheme = text.indexOf("://");
        return scheme >= 0 && text.indexOf('@', scheme + 3) >= 0;
    }

    /**
     * One of {@code words} (lower case, ignoring ASCII case in the text), then spaces or tabs, optionally
     * {@code is} or {@code was} and spaces or tabs again, then at least {@code minRun} characters of
     * {@code [A-Za-z0-9+/_-]}: a secret written as a phrase ("the API key is 9f8e…"). The text's help-desk prose
     * names passwords and tokens often, but rarely follows the word with a credential-length token.
     */
    static Predicate<String> wordThenToken(int minRun, String... words) {
        return text -> {
            String lower = text.toLowerCase(Locale.ROOT);
            if (lower.length() != text.length()) {
                return true; // a letter whose lower case has another length: positions differ, let the rule run
            }
            for (String word : words) {
                for (int at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
                    if (tokenAfter(lower, at + word.length(), minRun)) {
                        return true;
                    }
                }
            }
            return false;
        };
    }

    /** Spaces or tabs at {@code i}, optionally {@code is}/{@code was} and more of them, then a token of minRun. */
    private static boolean tokenAfter(String lower, int i, int minRun) {
        int afterBlanks = blanks(lower, i);
        if (afterBlanks == i) {
            return false;
        }
        if (tokenRun(lower, afterBlanks) >= minRun) {
            return true;
        }
        for (String verb : VERBS) {
            if (lower.startsWith(verb, afterBlanks)) {
                int next = blanks(lower, afterBlanks + verb.length());
                if (next > afterBlanks + verb.length() && tokenRun(lower, next) >= minRun) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int blanks(String text, int i) {
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static int tokenRun(String lower, int i) {
        int start = i;
        while (i < lower.length() && isTokenChar(lower.charAt(i))) {
            i++;
        }
        return i - start;
    }

    private static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || isDigit(c) || c == '+' || c == '/' || c == '_' || c == '-';
    }

    private static boolean containsAny(String text, String... literals) {
        for (String literal : literals) {
            if (text.contains(literal)) {
                return true;
            }
        }
        return false;
    }

    /** Any of the literals, case-sensitive. */
    static Predicate<String> anyLiteral(String... literals) {
        return text -> containsAny(text, literals);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }
}
