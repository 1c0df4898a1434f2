package com.astradesk.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.policy.Principal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Only successes are reused, never past {@code exp} + skew nor the maximum lifetime, and the cache is bounded. */
class VerifiedTokenCacheTest {
    private static final Duration SKEW = Duration.ofSeconds(30);
    private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T10:00:00Z"));
    private final AtomicInteger verifications = new AtomicInteger();

    private Function<String, VerifiedTokenCache.Verified> expiringIn(Duration ttl) {
        return token -> {
            verifications.incrementAndGet();
            return new VerifiedTokenCache.Verified(
                    Principal.of("user-" + token, "sre"), clock.instant().plus(ttl));
        };
    }

    @Test
    void should_reuse_a_successful_verification_for_the_same_token() {
        // given
        var cache = VerifiedTokenCache.create(100, Duration.ofMinutes(5), SKEW, clock);
        // when
        Principal first = cache.verify("a", expiringIn(Duration.ofMinutes(10)));
        Principal second = cache.verify("a", expiringIn(Duration.ofMinutes(10)));
        // then
        assertThat(second).isEqualTo(first);
        assertThat(verifications).hasValue(1);
    }

    @Test
    void should_keep_distinct_tokens_apart() {
        // given
        var cache = VerifiedTokenCache.create(100, Duration.ofMinutes(5), SKEW, clock);
        cache.verify("a", expiringIn(Duration.ofMinutes(10)));
        // when
        Principal other = cache.verify("b", expiringIn(Duration.ofMinutes(10)));
        // then
        assertThat(other.subject()).isEqualTo("user-b");
        assertThat(verifications).hasValue(2);
    }

    @Test
    void should_not_remember_a_refusal() {
        // given
        var cache = VerifiedTokenCache.create(100, Duration.ofMinutes(5), SKEW, clock);
        Function<String, VerifiedTokenCache.Verified> refusing = token -> {
            verifications.incrementAndGet();
            throw new AuthenticationException(AuthFailure.INVALID_TOKEN);
        };
        // when / then
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> cache.verify("bad", refusing))
                    .isInstanceOfSatisfying(
                            AuthenticationException.class,
                            e -> assertThat(e.failure()).isEqualTo(AuthFailure.INVALID_TOKEN));
        }
        assertThat(verifications).hasValue(2);
        assertThat(cache.size()).isZero();
    }

    @Test
    void should_verify_again_once_exp_plus_skew_has_passed() {
        // given: a token expiring in 60 s, verified and cached
        var cache = VerifiedTokenCache.create(100, Duration.ofMinutes(5), SKEW, clock);
        cache.verify("a", expiringIn(Duration.ofSeconds(60)));
        // when: still inside exp + skew, then past it
        clock.advance(Duration.ofSeconds(89));
        cache.verify("a", expiringIn(Duration.ofSeconds(60)));
        int withinSkew = verifications.get();
        clock.advance(Duration.ofSeconds(1));
        Function<String, VerifiedTokenCache.Verified> expired = token -> {
            verifications.incrementAndGet();
            throw new AuthenticationException(AuthFailure.TOKEN_EXPIRED);
        };
        // then: the expired token goes to full verification, which keeps its precise 401 code
        assertThat(withinSkew).isEqualTo(1);
        assertThatThrownBy(() -> cache.verify("a", expired))
                .isInstanceOfSatisfying(
                        AuthenticationException.class,
                        e -> assertThat(e.failure()).isEqualTo(AuthFailure.TOKEN_EXPIRED));
        assertThat(verifications).hasValue(2);
    }

    @Test
    void should_cap_reuse_at_the_maximum_lifetime_for_long_lived_tokens() {
        // given
        var cache = VerifiedTokenCache.create(100, Duration.ofSeconds(60), SKEW, clock);
        cache.verify("a", expiringIn(Duration.ofDays(1)));
        // when
        clock.advance(Duration.ofSeconds(59));
        cache.verify("a", expiringIn(Duration.ofDays(1)));
        int beforeCap = verifications.get();
        clock.advance(Duration.ofSeconds(1));
        cache.verify("a", expiringIn(Duration.ofDays(1)));
        // then
        assertThat(beforeCap).isEqualTo(1);
        assertThat(verifications).hasValue(2);
    }

    @Test
    void should_not_cache_a_token_already_past_its_deadline() {
        // given: full verification accepted a token whose exp + skew is now (nothing left to reuse)
        var cache = VerifiedTokenCache.create(100, Duration.ofMinutes(5), SKEW, clock);
        // when
        cache.verify("a", expiringIn(SKEW.negated()));
        cache.verify("a", expiringIn(SKEW.negated()));
        // then
        assertThat(verifications).hasValue(2);
    }

    @Test
    void should_stay_within_its_maximum_size() {
        // given
        var cache = VerifiedTokenCache.create(10, Duration.ofMinutes(5), SKEW, clock);
        // when
        for (int i = 0; i < 200; i++) {
            cache.verify("t" + i, expiringIn(Duration.ofMinutes(10)));
        }
        // then
        assertThat(cache.size()).isLessThanOrEqualTo(10);
    }

    @Test
    void should_reject_nonsensical_settings() {
        assertThatThrownBy(() -> VerifiedTokenCache.create(0, Duration.ofMinutes(1), SKEW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxEntries");
        assertThatThrownBy(() -> VerifiedTokenCache.create(10, Duration.ZERO, SKEW))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxTtl");
    }

    /** A clock the test moves. */
    static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
