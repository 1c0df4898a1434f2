package com.astradesk.core.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The languages the reference agents answer in. Detection is a cheap heuristic: words with Polish diacritics
 * and common Polish words, weighed against the length of the text, so an English sentence naming "Gdańsk"
 * stays English; anything else is treated as English. Thread-safe (stateless).
 */
public enum Language {
    EN(Locale.ENGLISH),
    PL(Locale.forLanguageTag("pl"));

    private static final String POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Words that on their own mark a text as Polish (folded). */
    static final Set<String> STRONG_POLISH = Set.of(
            "jak",
            "czy",
            "dla",
            "nie",
            "jest",
            "zgloszenie",
            "zgloszenia",
            "zglos",
            "usluge",
            "usluga",
            "uslugi",
            "pokaz",
            "metryki",
            "metryk",
            "restartuj",
            "zrestartuj",
            "zrestartowac",
            "przeladuj",
            "uruchom",
            "ponownie",
            "haslo",
            "hasla",
            "pogoda",
            "pogode",
            "pogody",
            "jaka",
            "jaki",
            "jakie",
            "ostatniej",
            "ostatnich",
            "godziny",
            "prosze",
            "utworz",
            "stworz",
            "zaloz",
            "sprawdz",
            "sie",
            "dlaczego",
            "czemu",
            "gdzie",
            "kiedy",
            "mnie",
            "byl",
            "byla",
            "bylo",
            "zostal",
            "wczoraj",
            "dzisiaj",
            "mozesz",
            "pilne",
            "tytul",
            "dziala");

    /** Every folded Polish word counted towards the share: the strong ones and these (short ones like "w", "z", "i" only count, never decide). */
    static final Set<String> POLISH_WORDS = union(
            STRONG_POLISH,
            Set.of(
                    "sa",
                    "moje",
                    "moj",
                    "moja",
                    "mam",
                    "mamy",
                    "zgloszeniu",
                    "uslug",
                    "ktora",
                    "ktory",
                    "ktore",
                    "ostatnie",
                    "godzin",
                    "godzine",
                    "minut",
                    "dni",
                    "zresetowac",
                    "w",
                    "we",
                    "z",
                    "ze",
                    "i",
                    "oraz",
                    "na",
                    "po",
                    "od",
                    "za",
                    "co",
                    "mi",
                    "zostala",
                    "dzis",
                    "jutro",
                    "teraz",
                    "moze",
                    "mozna",
                    "opis",
                    "bazy",
                    "danych"));

    /**
     * For each lower-case ASCII first letter, bit {@code n} is set when a word of {@link #POLISH_WORDS} of length
     * {@code n} starts with it: an ASCII word whose first letter and length have no bit is in neither set, so
     * {@link #detect} neither folds it nor looks it up (most words of an English text).
     */
    private static final long[] POLISH_SHAPES = shapes(POLISH_WORDS);

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /** The locale for this language. */
    public Locale locale() {
        return locale;
    }

    /**
     * Guesses the language of a user's text.
     *
     * @param text any text; {@code null} or blank is English
     * @return {@link #PL} when the text looks Polish, otherwise {@link #EN}
     */
    public static Language detect(String text) {
        if (text == null || text.isBlank()) {
            return EN;
        }
        int polish = 0;
        int strong = 0;
        int words = 0;
        int i = 0;
        int n = text.length();
        while (i < n) { // one pass over the words (runs of letters), no regular expression
            int cp = text.codePointAt(i);
            if (!Character.isLetter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            boolean polishLetter = false;
            boolean ascii = true;
            while (i < n && Character.isLetter(cp = text.codePointAt(i))) {
                polishLetter |= POLISH_LETTERS.indexOf(cp) >= 0;
                ascii &= cp < 0x80;
                i += Character.charCount(cp);
            }
            words++;
            if (polishLetter) {
                polish++;
                strong++;
                continue;
            }
            if (ascii && !hasPolishShape(text.charAt(start), i - start)) {
                continue;
            }
            String folded = fold(text.substring(start, i));
            if (POLISH_WORDS.contains(folded)) {
                polish++;
            }
            if (STRONG_POLISH.contains(folded)) {
                strong++;
            }
        }
        return strong > 1 || (strong > 0 && polish * 4 >= words) ? PL : EN;
    }

    /**
     * Lower-cases and strips diacritics ({@code "Usługę"} → {@code "usluge"}), so matching ignores both.
     *
     * @param text any text, not null
     * @return the folded text
     */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        if (isAscii(lower)) {
            return lower;
        }
        String decomposed = Normalizer.normalize(lower.replace('ł', 'l'), Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("");
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** Whether some Polish word starts with the ASCII letter {@code first} (either case) and has {@code length}. */
    private static boolean hasPolishShape(char first, int length) {
        int letter = (first | 0x20) - 'a'; // ASCII letters only: lower case
        return length < 64 && (POLISH_SHAPES[letter] & (1L << length)) != 0;
    }

    private static long[] shapes(Set<String> words) {
        long[] shapes = new long[26];
        for (String w : words) {
            if (!w.isEmpty() && w.length() < 64 && w.chars().allMatch(c -> c >= 'a' && c <= 'z')) {
                shapes[w.charAt(0) - 'a'] |= 1L << w.length();
            } else {
                throw new IllegalStateException("Polish word not in folded lower-case ASCII: " + w);
            }
        }
        return shapes;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        var all = new java.util.HashSet<String>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
