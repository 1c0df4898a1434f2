package com.astradesk.core.plan.keyword.internal;

/**
 * Guesses the nominative of a Polish city name in the locative or genitive from its ending, for cities the
 * extractor's table does not list: "Londynie" → "Londyn", "Berlinie" → "Berlin", "Tarnowie" → "Tarnów",
 * "Koszalinie" → "Koszalin", "Płocku" → "Płock", "Opolu" stays, "Gliwicach" → "Gliwice". Stateless.
 */
final class PolishCities {
    private PolishCities() {}

    /** The nominative guess for one word as the user wrote it (case kept). */
    static String nominative(String word) {
        String w = word;
        String lower = w.toLowerCase(java.util.Locale.ROOT);
        if (lower.length() < 5) {
            return w;
        }
        if (lower.endsWith("owie")) {
            return w.substring(0, w.length() - 4) + "ów";
        }
        if (lower.endsWith("niu")) {
            return w.substring(0, w.length() - 3) + "ń";
        }
        if (lower.endsWith("icach") || lower.endsWith("ycach")) {
            return w.substring(0, w.length() - 3) + "e";
        }
        if (lower.endsWith("inie") || lower.endsWith("ynie")) {
            return w.substring(0, w.length() - 2);
        }
        if (lower.endsWith("wiu")) {
            return w.substring(0, w.length() - 2);
        }
        if (lower.endsWith("ku") || lower.endsWith("gu") || lower.endsWith("żu") || lower.endsWith("chu")) {
            return w.substring(0, w.length() - 1);
        }
        return w;
    }
}
