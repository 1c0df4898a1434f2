package com.astradesk.core.redaction.internal;

import java.util.Locale;
import java.util.Set;

/**
 * Which field names hold secrets. Password-like names always do; token- and key-like names do when the value
 * is long enough to be a credential (so {@code max_tokens=5} survives). Stateless.
 */
public final class SecretKeys {
    static final Set<String> ALWAYS_SUBSTRINGS =
            Set.of("password", "passwd", "secret", "haslo", "hasło", "passphrase", "private_key", "privatekey");
    static final Set<String> ALWAYS_SEGMENTS = Set.of("pwd", "pass", "pin");
    static final Set<String> LONG_SUBSTRINGS =
            Set.of("token", "apikey", "api_key", "api-key", "credential", "authorization", "cookie", "session");
    static final Set<String> LONG_SEGMENTS = Set.of("auth", "key", "sig", "signature", "jwt", "bearer");
    private static final int MIN_LONG_VALUE = 8;

    /**
     * Lower-case parts of which every secret name contains one (a necessary condition for {@link #isSecret}; a test
     * keeps it in step with the sets above).
     */
    static final String[] NAME_PARTS = {
        "pass",
        "pwd",
        "pin",
        "secret",
        "haslo",
        "hasło",
        "private",
        "token",
        "key",
        "credential",
        "auth",
        "cookie",
        "session",
        "sig",
        "jwt",
        "bearer"
    };

    private SecretKeys() {}

    /** Whether {@code value} under the field {@code key} must be redacted. */
    public static boolean isSecret(String key, String value) {
        if (value == null || value.isEmpty() || value.startsWith("[REDACTED:")) {
            return false;
        }
        String k = key.toLowerCase(Locale.ROOT);
        if (containsAny(k, ALWAYS_SUBSTRINGS) || hasSegment(k, ALWAYS_SEGMENTS)) {
            return true;
        }
        boolean longish = containsAny(k, LONG_SUBSTRINGS) || hasSegment(k, LONG_SEGMENTS) || k.endsWith("key");
        return longish && value.length() >= MIN_LONG_VALUE;
    }

    private static boolean containsAny(String k, Set<String> parts) {
        for (String p : parts) {
            if (k.contains(p)) {
                return true;
            }
        }
        return false;
    }

    /** Whether one of the key's segments (runs of letters and digits) is in {@code segments}; no regex, no split. */
    private static boolean hasSegment(String k, Set<String> segments) {
        int i = 0;
        while (i < k.length()) {
            int start = i;
            while (i < k.length() && isLetterOrNumber(k.codePointAt(i))) {
                i += Character.charCount(k.codePointAt(i));
            }
            if (i > start && segments.contains(k.substring(start, i))) {
                return true;
            }
            i = i == start ? i + Character.charCount(k.codePointAt(i)) : i;
        }
        return false;
    }

    /** {@code \\p{L}} or {@code \\p{N}}. */
    private static boolean isLetterOrNumber(int cp) {
        int type = Character.getType(cp);
        return Character.isLetter(cp)
                || type == Character.DECIMAL_DIGIT_NUMBER
                || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
