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
 * "ostatniej godziny", "last week" (7d). Without one it gives the configured default. Immutable and thread-safe.
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
            + "minut[ey]|godzin[ey]|dob[ey]|dnia|dzien|tygodni[ae]|tydzien)(?![\\p{L}\\p{N}])");
    private static final Map<String, String> WORD_WINDOWS = Map.ofEntries(
            Map.entry("minute", "1m"),
            Map.entry("minuty", "1m"),
            Map.entry("hour", "1h"),
            Map.entry("godziny", "1h"),
            Map.entry("godzine", "1h"),
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
