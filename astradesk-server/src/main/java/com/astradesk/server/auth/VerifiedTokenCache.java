package com.astradesk.server.auth;

import com.astradesk.core.policy.Principal;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Remembers tokens that passed full verification so a hot caller's repeated requests skip the signature check.
 * Keyed by the SHA-256 of the token (the token itself is never stored). Only successes are cached; an entry
 * lives until the token's {@code exp} plus the verifier's clock skew (the same instant after which full
 * verification refuses it with {@code token_expired}), and never longer than the configured maximum (so a key
 * removed from the issuer's JWKS stops being honoured soon after the JWKS cache refreshes). After that the
 * token is verified in full again, so every refusal keeps its precise 401 code. Bounded size. Thread-safe.
 */
public final class VerifiedTokenCache {
    /** Default number of distinct tokens remembered. */
    public static final int DEFAULT_MAX_ENTRIES = 10_000;
    /** Default longest time a verification is reused. */
    public static final Duration DEFAULT_MAX_TTL = Duration.ofSeconds(60);

    private static final MessageDigest SHA256 = newSha256();
    private static final HexFormat HEX = HexFormat.of();

    private final Cache<String, Entry> cache;
    private final Duration maxTtl;
    private final Duration clockSkew;
    private final Clock clock;

    private VerifiedTokenCache(int maxEntries, Duration maxTtl, Duration clockSkew, Clock clock) {
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1");
        }
        if (Objects.requireNonNull(maxTtl, "maxTtl").isNegative() || maxTtl.isZero()) {
            throw new IllegalArgumentException("maxTtl must be positive");
        }
        if (Objects.requireNonNull(clockSkew, "clockSkew").isNegative()) {
            throw new IllegalArgumentException("clockSkew must not be negative");
        }
        this.maxTtl = maxTtl;
        this.clockSkew = clockSkew;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.cache = Caffeine.newBuilder()
                .maximumSize(maxEntries)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .expireAfter(new UntilDeadline(clock))
                .build();
    }

    /**
     * A cache on the system clock.
     *
     * @param maxEntries most distinct tokens remembered (at least 1)
     * @param maxTtl     longest reuse of one verification (positive)
     * @param clockSkew  the verifier's tolerated clock difference for {@code exp}
     * @throws IllegalArgumentException naming a bad parameter
     */
    public static VerifiedTokenCache create(int maxEntries, Duration maxTtl, Duration clockSkew) {
        return new VerifiedTokenCache(maxEntries, maxTtl, clockSkew, Clock.systemUTC());
    }

    /** As {@link #create(int, Duration, Duration)} on the given clock (tests). */
    static VerifiedTokenCache create(int maxEntries, Duration maxTtl, Duration clockSkew, Clock clock) {
        return new VerifiedTokenCache(maxEntries, maxTtl, clockSkew, clock);
    }

    /**
     * The caller of {@code token}: from the cache while its entry is live, otherwise from {@code verifier}
     * (whose success is then remembered; its exceptions pass through and nothing is remembered).
     *
     * @param token    the compact JWT
     * @param verifier full verification: the principal and the token's {@code exp}
     */
    Principal verify(String token, Function<String, Verified> verifier) {
        String key = sha256(token);
        long now = clock.millis();
        Entry hit = cache.getIfPresent(key);
        if (hit != null && now < hit.deadlineMillis()) {
            return hit.principal();
        }
        Verified verified = verifier.apply(token);
        long deadline = Math.min(verified.expiresAt().plus(clockSkew).toEpochMilli(), now + maxTtl.toMillis());
        if (deadline > now) {
            cache.put(key, new Entry(verified.principal(), deadline));
        }
        return verified.principal();
    }

    /** Approximate number of remembered tokens. */
    long size() {
        cache.cleanUp();
        return cache.estimatedSize();
    }

    private static String sha256(String token) {
        MessageDigest digest;
        try {
            // a copy of one prototype: getInstance looks the algorithm up among the providers on every call
            digest = (MessageDigest) SHA256.clone();
        } catch (CloneNotSupportedException e) {
            digest = newSha256();
        }
        return HEX.formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable", e);
        }
    }

    /**
     * The outcome of one full verification.
     *
     * @param principal the caller
     * @param expiresAt the token's {@code exp}
     */
    record Verified(Principal principal, Instant expiresAt) {
        Verified {
            Objects.requireNonNull(principal, "principal");
            Objects.requireNonNull(expiresAt, "expiresAt");
        }
    }

    private record Entry(Principal principal, long deadlineMillis) {}

    /** Each entry expires at its own deadline. */
    private static final class UntilDeadline implements Expiry<String, Entry> {
        private final Clock clock;

        UntilDeadline(Clock clock) {
            this.clock = clock;
        }

        @Override
        public long expireAfterCreate(String key, Entry value, long currentTime) {
            return TimeUnit.MILLISECONDS.toNanos(Math.max(0, value.deadlineMillis() - clock.millis()));
        }

        @Override
        public long expireAfterUpdate(String key, Entry value, long currentTime, long currentDuration) {
            return expireAfterCreate(key, value, currentTime);
        }

        @Override
        public long expireAfterRead(String key, Entry value, long currentTime, long currentDuration) {
            return currentDuration;
        }
    }
}
