package com.astradesk.core.agent.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Derives a per-step key from the caller's idempotency key, so each side-effecting step has its own. */
final class IdempotencyKeys {
    private IdempotencyKeys() {}

    static String derive(String callerKey, int stepIndex, String tool) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256")
                    .digest((callerKey + "\u0000" + stepIndex + "\u0000" + tool).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
