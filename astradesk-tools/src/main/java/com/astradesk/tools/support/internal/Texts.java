package com.astradesk.tools.support.internal;

import com.astradesk.core.text.Language;
import java.util.Locale;

/** Picks the English or Polish wording of a short message, and formats numbers for the language. */
public final class Texts {
    private Texts() {}

    /** {@code en} or {@code pl}, by language. */
    public static String pick(Language language, String en, String pl) {
        return language == Language.PL ? pl : en;
    }

    /** A number with at most {@code decimals} fraction digits, in the language's notation (3.5 / 3,5). */
    public static String number(Language language, double value, int decimals) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15 && !isNegativeZero(value)) {
            // a whole number prints as its digits in both languages, whatever the decimals (trailing zeros are cut)
            return Long.toString((long) value);
        }
        String pattern = "%." + decimals + "f";
        String s = String.format(language.locale(), pattern, value);
        if (decimals > 0 && (s.contains(".") || s.contains(","))) {
            s = s.replaceAll("[.,]?0+$", "");
        }
        return s;
    }

    private static boolean isNegativeZero(double value) {
        return Double.doubleToRawLongBits(value) == Double.doubleToRawLongBits(-0.0);
    }

    /** A duration in seconds as {@code 2d 3h}, {@code 1h 5m}, {@code 4m 10s} or {@code 12s}. */
    public static String duration(long seconds) {
        long s = Math.max(0, seconds);
        long d = s / 86_400;
        long h = (s % 86_400) / 3_600;
        long m = (s % 3_600) / 60;
        long sec = s % 60;
        if (d > 0) {
            return d + "d " + h + "h";
        }
        if (h > 0) {
            return h + "h " + m + "m";
        }
        if (m > 0) {
            return m + "m " + sec + "s";
        }
        return sec + "s";
    }

    /** Lower-case for identifiers, independent of the default locale. */
    public static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }
}
