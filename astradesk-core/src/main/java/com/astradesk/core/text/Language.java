package com.astradesk.core.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The languages the reference agents answer in. Detection is a cheap heuristic (Polish diacritics and common
 * Polish words); anything else is treated as English. Thread-safe (stateless).
 */
public enum Language {
    EN(Locale.ENGLISH),
    PL(Locale.forLanguageTag("pl"));

    private static final Pattern POLISH_LETTERS = Pattern.compile("[ąćęłńóśźżĄĆĘŁŃÓŚŹŻ]");
    private static final Pattern WORD = Pattern.compile("[\\p{L}]+");
    private static final Set<String> POLISH_WORDS = Set.of(
            "jak",
            "czy",
            "dla",
            "nie",
            "jest",
            "moje",
            "moj",
            "mam",
            "zgloszenie",
            "zgloszenia",
            "usluge",
            "usluga",
            "uslugi",
            "pokaz",
            "metryki",
            "restartuj",
            "zrestartuj",
            "uruchom",
            "ponownie",
            "haslo",
            "hasla",
            "pogoda",
            "pogode",
            "jaka",
            "jaki",
            "ostatniej",
            "ostatnich",
            "godziny",
            "prosze",
            "zresetowac",
            "utworz",
            "stworz",
            "zalóz",
            "zaloz",
            "sprawdz",
            "w",
            "z",
            "i",
            "oraz",
            "co",
            "gdzie",
            "kiedy",
            "dlaczego",
            "sie",
            "mnie",
            "mi");
    private static final Set<String> STRONG_POLISH = Set.of(
            "jak",
            "czy",
            "dla",
            "nie",
            "jest",
            "zgloszenie",
            "usluge",
            "pokaz",
            "metryki",
            "restartuj",
            "zrestartuj",
            "haslo",
            "pogoda",
            "pogode",
            "jaka",
            "ostatniej",
            "prosze",
            "utworz",
            "sprawdz",
            "sie",
            "dlaczego",
            "gdzie",
            "kiedy",
            "zaloz",
            "mnie");

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
        if (POLISH_LETTERS.matcher(text).find()) {
            return PL;
        }
        var matcher = WORD.matcher(fold(text));
        int polish = 0;
        int strong = 0;
        int words = 0;
        while (matcher.find()) {
            String w = matcher.group();
            words++;
            if (POLISH_WORDS.contains(w)) {
                polish++;
            }
            if (STRONG_POLISH.contains(w)) {
                strong++;
            }
        }
        return strong > 0 && polish * 4 >= words ? PL : EN;
    }

    /**
     * Lower-cases and strips diacritics ({@code "Usługę"} → {@code "usluge"}), so matching ignores both.
     *
     * @param text any text, not null
     * @return the folded text
     */
    public static String fold(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('ł', 'l').replace('Ł', 'l');
        String decomposed = Normalizer.normalize(lower, Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "");
    }
}
