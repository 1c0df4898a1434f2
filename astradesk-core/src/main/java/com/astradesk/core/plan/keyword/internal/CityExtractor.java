package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a city after "in", "for", "w", "we" or "dla", or written capitalised right after the trigger ("weather in New York", "pogoda w Krakowie") and
 * names it in the nominative: common Polish locative and genitive forms come from a small table ("Krakowie",
 * "Krakowa" → "Kraków"), anything else is the user's words capitalised. Without a city it asks for one.
 * Immutable and thread-safe.
 */
public final class CityExtractor implements ArgumentExtractor {
    private static final Pattern PREPOSITION =
            Pattern.compile("(?<![\\p{L}\\p{N}])(?:in|for|w|we|dla)(?![\\p{L}\\p{N}])");
    private static final Pattern WORD = Pattern.compile("\\G[\\s]*([\\p{L}][\\p{L}'.-]*)");
    /** The last word before a position, with only spaces and punctuation after it. */
    private static final Pattern WORD_BEFORE = Pattern.compile("([\\p{L}][\\p{L}'.-]*)[\\s:,;]*$");

    private static final int MAX_WORDS = 3;
    private static final Set<String> NOT_A_CITY = Set.of(
            "today",
            "tomorrow",
            "tonight",
            "now",
            "this",
            "next",
            "week",
            "weekend",
            "morning",
            "evening",
            "please",
            "and",
            "or",
            "right",
            "currently",
            "like",
            "is",
            "will",
            "be",
            "it",
            "me",
            "us",
            "my",
            "our",
            "general",
            "a",
            "an",
            "dzis",
            "dzisiaj",
            "jutro",
            "teraz",
            "prosze",
            "i",
            "oraz",
            "lub",
            "albo",
            "jest",
            "bedzie",
            "tym",
            "tygodniu",
            "weekendzie",
            "mojej",
            "moim",
            "okolicy",
            "rano",
            "wieczorem",
            "pojutrze",
            "najblizsze",
            "najblizszych",
            "dni",
            "days",
            "hours",
            "godzin",
            "pada",
            "padac",
            "deszcz",
            "wieje",
            "swieci",
            "slonce",
            "snieg",
            "na",
            "zimno",
            "cieplo",
            "stopni",
            "going",
            "weather",
            "forecast",
            "pogoda",
            "pogody",
            "pogode",
            "prognoza",
            "prognoze",
            "prognozy",
            "temperature",
            "temperatura",
            "what",
            "how");
    private static final Map<String, String> NOMINATIVE = Map.ofEntries(
            Map.entry("warszawie", "Warszawa"),
            Map.entry("warszawy", "Warszawa"),
            Map.entry("krakowie", "Kraków"),
            Map.entry("krakowa", "Kraków"),
            Map.entry("gdansku", "Gdańsk"),
            Map.entry("gdanska", "Gdańsk"),
            Map.entry("wroclawiu", "Wrocław"),
            Map.entry("wroclawia", "Wrocław"),
            Map.entry("poznaniu", "Poznań"),
            Map.entry("poznania", "Poznań"),
            Map.entry("lodzi", "Łódź"),
            Map.entry("katowicach", "Katowice"),
            Map.entry("katowic", "Katowice"),
            Map.entry("lublinie", "Lublin"),
            Map.entry("lublina", "Lublin"),
            Map.entry("szczecinie", "Szczecin"),
            Map.entry("szczecina", "Szczecin"),
            Map.entry("bydgoszczy", "Bydgoszcz"),
            Map.entry("gdyni", "Gdynia"),
            Map.entry("rzeszowie", "Rzeszów"),
            Map.entry("rzeszowa", "Rzeszów"),
            Map.entry("bialymstoku", "Białystok"),
            Map.entry("torunia", "Toruń"),
            Map.entry("toruniu", "Toruń"));

    private final Localized question;

    /** @param question what to ask when the query names no city */
    public CityExtractor(Localized question) {
        this.question = Objects.requireNonNull(question, "question");
    }

    @Override
    public Extraction extract(MatchContext context) {
        Matcher prep = ScopedSearch.region(PREPOSITION, context, context.triggerStart(), context.scopeEnd());
        while (prep.find()) {
            String city = cityAt(context, prep.end());
            if (city != null) {
                return Extraction.of(city);
            }
        }
        Matcher before = ScopedSearch.region(PREPOSITION, context, context.scopeStart(), context.triggerStart());
        while (before.find()) {
            String city = cityAt(context, before.end());
            if (city != null) {
                return Extraction.of(city);
            }
        }
        String named = capitalisedAt(context, context.triggerEnd());
        if (named == null) {
            named = capitalisedBefore(context);
        }
        return named != null ? Extraction.of(named) : Extraction.clarify(question.in(context.language()));
    }

    /** A city written capitalised right before the trigger ("Gdansk weather today?", "Lisbon: weather?"). */
    private String capitalisedBefore(MatchContext context) {
        Matcher word = WORD_BEFORE.matcher(context.folded()).region(context.scopeStart(), context.triggerStart());
        if (!word.find()) {
            return null;
        }
        String w = trimDots(word.group(1));
        if (NOT_A_CITY.contains(w) || !capitalised(context, word.start(1))) {
            return null;
        }
        return cityAt(context, word.start(1));
    }

    private static boolean capitalised(MatchContext context, int foldedIndex) {
        String original = context.original(foldedIndex, foldedIndex + 1);
        return !original.isEmpty() && Character.isUpperCase(original.codePointAt(0));
    }

    /** A city named right after the trigger without a preposition ("pogoda Kraków"), when written capitalised. */
    private String capitalisedAt(MatchContext context, int from) {
        Matcher word = WORD.matcher(context.folded()).region(from, context.scopeEnd());
        if (!word.find()) {
            return null;
        }
        if (NOT_A_CITY.contains(word.group(1)) && !word.find()) {
            return null;
        }
        String original = context.original(word.start(1), word.end(1));
        return Character.isUpperCase(original.codePointAt(0)) ? cityAt(context, word.start(1)) : null;
    }

    private String cityAt(MatchContext context, int from) {
        String folded = context.folded();
        Matcher word = WORD.matcher(folded).region(from, context.scopeEnd());
        List<int[]> spans = new ArrayList<>();
        while (spans.size() < MAX_WORDS && word.find()) {
            String w = trimDots(word.group(1));
            if (NOT_A_CITY.contains(w) || (w.equals("the") && !spans.isEmpty())) {
                break;
            }
            if (!spans.isEmpty() && capitalised(context, spans.get(0)[0]) && !capitalised(context, word.start(1))) {
                break;
            }
            spans.add(new int[] {word.start(1), word.start(1) + w.length()});
            if (w.length() < word.group(1).length()) {
                break;
            }
        }
        boolean onlyArticle = spans.size() == 1
                && folded.startsWith("the", spans.get(0)[0])
                && spans.get(0)[1] - spans.get(0)[0] == 3;
        if (spans.isEmpty() || onlyArticle) {
            return null;
        }
        if (spans.size() == 1) {
            String nominative = NOMINATIVE.get(folded.substring(spans.get(0)[0], spans.get(0)[1]));
            if (nominative != null) {
                return nominative;
            }
            if (context.language() == com.astradesk.core.text.Language.PL) {
                return capitalise(PolishCities.nominative(context.original(spans.get(0)[0], spans.get(0)[1])));
            }
        }
        var out = new ArrayList<String>();
        for (int[] span : spans) {
            out.add(capitalise(context.original(span[0], span[1])));
        }
        return String.join(" ", out);
    }

    private static String trimDots(String word) {
        int end = word.length();
        while (end > 0 && (word.charAt(end - 1) == '.' || word.charAt(end - 1) == '\'')) {
            end--;
        }
        return word.substring(0, end);
    }

    private static String capitalise(String word) {
        if (word.isEmpty()) {
            return word;
        }
        int first = word.codePointAt(0);
        String head = new String(Character.toChars(first)).toUpperCase(Locale.ROOT);
        return head + word.substring(Character.charCount(first));
    }
}
