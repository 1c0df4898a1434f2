package com.astradesk.server.auditor;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recurring time window such as {@code Mon-Fri 08:00-18:00 Europe/Warsaw}: the days, a local time range
 * (start inclusive, end exclusive; an end before the start crosses midnight) and the time zone. The parts
 * may come in any order; days default to every day and the zone to UTC. Immutable and thread-safe.
 *
 * @param days the days the window is open (by the local date of the instant)
 * @param from local opening time
 * @param to   local closing time
 * @param zone the zone the times are read in
 */
public record AllowedWindow(Set<DayOfWeek> days, LocalTime from, LocalTime to, ZoneId zone) {
    private static final Pattern TIMES = Pattern.compile("(\\d{1,2}:\\d{2})-(\\d{1,2}:\\d{2})");
    private static final Pattern DAYS = Pattern.compile("[A-Za-z]{3}(-[A-Za-z]{3})?(,[A-Za-z]{3}(-[A-Za-z]{3})?)*");
    private static final List<String> DAY_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public AllowedWindow {
        days = days.isEmpty() ? EnumSet.noneOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    /**
     * Parses {@code "Mon-Fri 08:00-18:00 Europe/Warsaw"} (parts in any order).
     *
     * @throws IllegalArgumentException naming the part that cannot be read
     */
    public static AllowedWindow parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException("allowed window must not be blank, e.g. 'Mon-Fri 08:00-18:00 UTC'");
        }
        Set<DayOfWeek> days = EnumSet.allOf(DayOfWeek.class);
        LocalTime from = null;
        LocalTime to = null;
        ZoneId zone = ZoneId.of("UTC");
        for (String part : spec.trim().split("\\s+")) {
            Matcher times = TIMES.matcher(part);
            if (times.matches()) {
                from = time(times.group(1), spec);
                to = time(times.group(2), spec);
            } else if (DAYS.matcher(part).matches()
                    && DAY_NAMES.contains(part.substring(0, 3).toLowerCase(Locale.ROOT))) {
                days = days(part, spec);
            } else {
                try {
                    zone = ZoneId.of(part);
                } catch (RuntimeException e) {
                    throw new IllegalArgumentException("allowed window '" + spec + "': cannot read '" + part
                            + "' as days (Mon-Fri), times (08:00-18:00) or a time zone (Europe/Warsaw)");
                }
            }
        }
        if (from == null) {
            throw new IllegalArgumentException("allowed window '" + spec + "' has no time range such as 08:00-18:00");
        }
        return new AllowedWindow(days, from, to, zone);
    }

    /** Whether {@code instant} falls inside the window. */
    public boolean contains(Instant instant) {
        ZonedDateTime local = instant.atZone(zone);
        if (!days.contains(local.getDayOfWeek())) {
            return false;
        }
        LocalTime t = local.toLocalTime();
        return from.isBefore(to) ? !t.isBefore(from) && t.isBefore(to) : !t.isBefore(from) || t.isBefore(to);
    }

    private static LocalTime time(String text, String spec) {
        try {
            return LocalTime.parse(text.length() == 4 ? "0" + text : text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("allowed window '" + spec + "': '" + text + "' is not a time");
        }
    }

    private static Set<DayOfWeek> days(String part, String spec) {
        Set<DayOfWeek> out = EnumSet.noneOf(DayOfWeek.class);
        for (String range : part.toLowerCase(Locale.ROOT).split(",")) {
            String[] ends = range.split("-");
            int a = DAY_NAMES.indexOf(ends[0]);
            int b = ends.length == 2 ? DAY_NAMES.indexOf(ends[1]) : a;
            if (a < 0 || b < 0) {
                throw new IllegalArgumentException("allowed window '" + spec + "': unknown day in '" + part + "'");
            }
            for (int i = a; ; i = (i + 1) % 7) {
                out.add(DayOfWeek.of(i + 1));
                if (i == b) {
                    break;
                }
            }
        }
        return out;
    }
}
