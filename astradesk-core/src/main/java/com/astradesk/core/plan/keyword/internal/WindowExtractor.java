package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import java.util.Map;
import java.util.Objects;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

/**
 * Reads a time window as {@code \d+[smhd]}: "15m", "2 hours", "z ostatniej 1h", "last 2 days", "last hour",
 * "ostatniej godziny", "w ostatniej godzinie", "last week" (7d). Without one it gives the configured default. Immutable and thread-safe.
 */
public final class WindowExtractor implements ArgumentExtractor {
    private static final Pattern VALID = Pattern.compile("[1-9]\\d{0,4}[smhd]");
    private static final Pattern NUMERIC = Pattern.compile("(?<![\\p{L}\\p{N}.,])(\\d{1,4})\\s*("
            + "s|sec|secs|seconds?|sek|sekund[ay]?"
            + "|m|min|mins|minutes?|minut[ay]?|minute"
            + "|h|hr|hrs|hours?|godz|godzin[ay]?|godzine"
            + "|d|days?|dzien|dni|dnia|dob|doby|dobe"
            + "|w|wk|weeks?|tydzien|tygodni[ae]?)(?![\\p{L}\\p{N}])");
    private static final Pattern WORDS = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(?:last|past|previous|"
            + "ostatni\\p{L}*|minion\\p{L}*|z ostatniej|przez ostatni\\p{L}*)\\s+)(minute|hour|day|24 hours|week|"
            + "minut[ey]|minucie|godzin[ey]|godzinie|dob[ey]|dobie|dnia|dniu|dzien|tygodni[ae]|tygodniu|tydzien)"
            + "(?![\\p{L}\\p{N}])");
    private static final Map<String, String> WORD_WINDOWS = Map.ofEntries(
            Map.entry("minute", "1m"),
            Map.entry("minuty", "1m"),
            Map.entry("hour", "1h"),
            Map.entry("godziny", "1h"),
            Map.entry("godzine", "1h"),
            Map.entry("godzinie", "1h"),
            Map.entry("minucie", "1m"),
            Map.entry("dobie", "1d"),
            Map.entry("dniu", "1d"),
            Map.entry("tygodniu", "7d"),
            Map.entry("day", "1d"),
            Map.entry("24 hours", "1d"),
            Map.entry("doby", "1d"),
            Map.entry("dobe", "1d"),
            Map.entry("dnia", "1d"),
            Map.entry("dzien", "1d"),
            Map.entry("week", "7d"),
            Map.entry("tygodnia", "7d"),
            Map.entry("tygodnie", "7d"),
            Map.entry("tydzien", "7d"));

    /** A window named by a day: "since yesterday", "today", "od wczoraj", "dzisiaj" → 1d; "half an hour" → 30m. */
    private static final Pattern DAY_WORDS = Pattern.compile("(?<![\\p{L}\\p{N}])(?:(since yesterday|today|"
            + "od wczoraj|od wczorajszego dnia|dzisiaj|dzis|z dzisiaj|z dzis)|(half an hour|half hour|"
            + "pol godziny|polgodziny))(?![\\p{L}\\p{N}])");
    /** Numbers in words before a unit: "two hours", "dwóch godzin", "ten minutes". */
    private static final Map<String, Integer> NUMBER_WORDS = Map.ofEntries(
            Map.entry("one", 1),
            Map.entry("two", 2),
            Map.entry("three", 3),
            Map.entry("four", 4),
            Map.entry("five", 5),
            Map.entry("six", 6),
            Map.entry("ten", 10),
            Map.entry("twelve", 12),
            Map.entry("fifteen", 15),
            Map.entry("thirty", 30),
            Map.entry("dwie", 2),
            Map.entry("dwoch", 2),
            Map.entry("dwu", 2),
            Map.entry("trzy", 3),
            Map.entry("trzech", 3),
            Map.entry("cztery", 4),
            Map.entry("czterech", 4),
            Map.entry("piec", 5),
            Map.entry("pieciu", 5),
            Map.entry("szesc", 6),
            Map.entry("szesciu", 6),
            Map.entry("dziesiec", 10),
            Map.entry("dziesieciu", 10),
            Map.entry("dwanascie", 12),
            Map.entry("dwunastu", 12),
            Map.entry("pietnascie", 15),
            Map.entry("pietnastu", 15),
            Map.entry("trzydziesci", 30),
            Map.entry("trzydziestu", 30));

    private static final Pattern SPELLED = Pattern.compile(
            "(?<![\\p{L}\\p{N}])(" + String.join("|", NUMBER_WORDS.keySet())
                    + ")\\s+(minutes?|minut[ay]?|hours?|godzin[ay]?|days?|dni|dob|weeks?|tygodni[ae]?)(?![\\p{L}\\p{N}])");

    private final String defaultWindow;

    /**
     * @param defaultWindow the window when the query names none, e.g. {@code "15m"}
     * @throws IllegalArgumentException when the default is not {@code \d+[smhd]}
     */
    public WindowExtractor(String defaultWindow) {
        Objects.requireNonNull(defaultWindow, "defaultWindow");
        if (!VALID.matcher(defaultWindow).matches()) {
            throw new IllegalArgumentException("defaultWindow must look like 15m, 1h or 2d: " + defaultWindow);
        }
        this.defaultWindow = defaultWindow;
    }

    @Override
    public Extraction extract(MatchContext context) {
        var numeric = ScopedSearch.nearest(NUMERIC, context);
        if (numeric.isPresent()) {
            String window = numeric(numeric.get());
            if (window != null) {
                return Extraction.of(window);
            }
        }
        var spelled = ScopedSearch.nearest(SPELLED, context);
        if (spelled.isPresent()) {
            String unit = spelled.get().group(2);
            int amount = NUMBER_WORDS.get(spelled.get().group(1));
            char u = unit.startsWith("m") ? 'm' : unit.startsWith("h") || unit.startsWith("g") ? 'h' : 'd';
            if (unit.startsWith("w") || unit.startsWith("t")) {
                amount *= 7;
            }
            return Extraction.of(amount + String.valueOf(u));
        }
        var day = ScopedSearch.nearest(DAY_WORDS, context);
        if (day.isPresent()) {
            return Extraction.of(day.get().group(2) != null ? "30m" : "1d");
        }
        var words = ScopedSearch.nearest(WORDS, context);
        if (words.isPresent()) {
            String window = WORD_WINDOWS.get(words.get().group(1));
            if (window != null) {
                return Extraction.of(window);
            }
        }
        return Extraction.of(defaultWindow);
    }

    private static String numeric(MatchResult m) {
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2);
        char u;
        if (unit.startsWith("w") || unit.startsWith("t")) {
            amount *= 7;
            u = 'd';
        } else if (unit.startsWith("se") || unit.equals("s")) {
            u = 's';
        } else if (unit.startsWith("m")) {
            u = 'm';
        } else if (unit.startsWith("h") || unit.startsWith("g")) {
            u = 'h';
        } else {
            u = 'd';
        }
        String window = amount + String.valueOf(u);
        return VALID.matcher(window).matches() ? window : null;
    }
}
