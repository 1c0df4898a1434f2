package com.astradesk.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.astradesk.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest extends AbstractRateLimiterContractTest {
    private final MutableClock clock = MutableClock.atEpochOf2026();
    private final RateLimiter limiter = RateLimiter.inMemory(clock);

    @Override
    protected RateLimiter limiter() {
        return limiter;
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }

    @Test
    void should_give_the_wait_for_the_next_token_exactly() {
        // given: 6 per minute = one token every 10 s
        RateLimitRule rule = new RateLimitRule(1, 6, Duration.ofMinutes(1));
        limiter.tryAcquire("k", rule);
        clock.advance(Duration.ofSeconds(4));

        // when
        RateLimitDecision denied = limiter.tryAcquire("k", rule);

        // then
        assertThat(denied.allowed()).isFalse();
        assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(6));
        assertThat(denied.headers()).containsEntry("Retry-After", "6").containsEntry("RateLimit-Reset", "6");
    }

    @Test
    void should_not_go_above_capacity_after_a_long_idle_time() {
        // given
        RateLimitRule rule = new RateLimitRule(2, 1, Duration.ofSeconds(1));
        limiter.tryAcquire("idle", rule);
        clock.advance(Duration.ofDays(1));

        // when
        RateLimitDecision d = limiter.tryAcquire("idle", rule);

        // then
        assertThat(d.remaining()).isEqualTo(1);
    }

    @Test
    void should_reject_a_blank_key() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> limiter.tryAcquire(" ", RateLimitRule.perSecond(1)))
                .withMessageContaining("key");
    }
}
