package com.astradesk.core.text;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The languages the reference agents answer in. Detection is a cheap heuristic: words with Polish diacritics
 * and common Polish words weighed against common English words, so a short Polish question ("ile błędów ma
 * payments-api?") is Polish and an English sentence naming "Gdańsk" stays English; a text with no evidence either
 * way is treated as English. Thread-safe (stateless).
 */
public enum Language {
    EN(Locale.ENGLISH),
    PL(Locale.forLanguageTag("pl"));

    private static final String POLISH_LETTERS = "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ";
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** Folded Polish words that weigh two: on their own they make a short text Polish. */
    private static final Set<String> STRONG_POLISH = Set.of(
            "jak",
            "czy",
            "dla",
            "nie",
            "jest",
            "ile",
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
            "dziala",
            "wynosi",
            // metric nouns, typed without diacritics too ("pamiec webapp", "opoznienie auth")
            "bledy",
            "bledow",
            "bledu",
            "pamiec",
            "pamieci",
            "opoznienie",
            "opoznienia",
            "opoznien",
            "obciazenie",
            "obciazenia",
            "przepustowosc",
            "zuzycie",
            "wydajnosc",
            "dostepnosc",
            "restartow",
            "restarty",
            "latencja",
            "latencji");

    /** Folded Polish words that weigh one, short function words among them ("w", "na", "ma", "co"). */
    private static final Set<String> WEAK_POLISH = Set.of(
            "sa",
            "ma",
            "maja",
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
            "z",
            "ze",
            "oraz",
            "na",
            "po",
            "od",
            "za",
            "co",
            "o",
            "mi",
            "zostala",
            "dzis",
            "jutro",
            "teraz",
            "moze",
            "mozna",
            "opis",
            "bazy",
            "danych",
            "prosba",
            "tak",
            "juz",
            "tylko",
            "bardzo");

    /**
     * Folded English words that weigh one against the Polish ones, so "weather in Gdańsk" stays English. Words that
     * are common in both languages ("a", "i", "to", "do", "no", "on", "we") count for neither.
     */
    private static final Set<String> ENGLISH = Set.of(
            "the",
            "is",
            "are",
            "was",
            "were",
            "be",
            "been",
            "am",
            "what",
            "how",
            "why",
            "when",
            "where",
            "which",
            "who",
            "of",
            "for",
            "in",
            "at",
            "from",
            "with",
            "by",
            "and",
            "or",
            "but",
            "not",
            "please",
            "can",
            "could",
            "would",
            "should",
            "will",
            "you",
            "your",
            "my",
            "me",
            "our",
            "it",
            "its",
            "this",
            "that",
            "these",
            "there",
            "here",
            "has",
            "have",
            "had",
            "does",
            "did",
            "get",
            "give",
            "show",
            "check",
            "open",
            "create",
            "tell",
            "any",
            "all",
            "many",
            "much",
            "some",
            "need",
            "want",
            "like",
            "just",
            "now",
            "again",
            "today",
            "tomorrow",
            "yesterday",
            "last",
            "next",
            "hour",
            "hours",
            "minute",
            "minutes",
            "day",
            "days",
            "week",
            "weather",
            "error",
            "errors",
            "rate",
            "down",
            "up",
            "an",
            "about",
            "since",
            "after",
            "before",
            "new",
            "broken",
            "working",
            "still",
            "than",
            "into");

    private final Locale locale;

    Language(Locale locale) {
        this.locale = locale;
    }

    /** The locale for this language. */
    public Locale locale() {
        return locale;
    }

    /**
     * Guesses the language of a user's text in one pass over its words: Polish evidence (a word with Polish letters
     * weighs two, or one when it is capitalised — likely a name such as "Gdańsk"; a strong Polish word two, a weak
     * one one) against English evidence (common English words, one each). Polish only when it outweighs English, so
     * "ile błędów ma payments-api?" and "co z TKT-42?" are Polish, "restart payments-api" (no evidence either way)
     * and "weather in Gdańsk" are English.
     *
     * @param text any text; {@code null} or blank is English
     * @return {@link #PL} when the text looks Polish, otherwise {@link #EN}
     */
    public static Language detect(String text) {
        if (text == null || text.isBlank()) {
            return EN;
        }
        int polish = 0;
        int english = 0;
        int i = 0;
        int n = text.length();
        while (i < n) { // one pass over the words (runs of letters), no regular expression
            int cp = text.codePointAt(i);
            if (!Character.isLetter(cp)) {
                i += Character.charCount(cp);
                continue;
            }
            int start = i;
            boolean capitalised = Character.isUpperCase(cp);
            boolean polishLetter = false;
            while (i < n && Character.isLetter(cp = text.codePointAt(i))) {
                polishLetter |= POLISH_LETTERS.indexOf(cp) >= 0;
                i += Character.charCount(cp);
            }
            if (polishLetter) {
                polish += capitalised ? 1 : 2;
                continue;
            }
            String folded = fold(text.substring(start, i));
            if (STRONG_POLISH.contains(folded)) {
                polish += 2;
            } else if (WEAK_POLISH.contains(folded)) {
                polish++;
            } else if (ENGLISH.contains(folded)) {
                english++;
            }
        }
        return polish > english ? PL : EN;
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
}
