package com.astradesk.core.idempotency.internal;

import java.time.Duration;
import java.util.Objects;

/** Parameter checks shared by the idempotency stores. */
public final class Checks {
    private Checks() {}

    /** Throws {@link IllegalArgumentException} naming {@code what} when {@code value} is null or blank. */
    public static String notBlank(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank");
        }
        return value;
    }

    /** Throws {@link IllegalArgumentException} naming {@code what} unless {@code value} is positive. */
    public static Duration positive(Duration value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, was " + value);
        }
        return value;
    }
}
