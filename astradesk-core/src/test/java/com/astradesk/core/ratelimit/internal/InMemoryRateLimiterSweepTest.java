package com.astradesk.core.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterSweepTest {

    @Test
    void should_drop_buckets_that_have_refilled_and_keep_the_others() {
        // given
        MutableClock clock = MutableClock.atEpochOf2026();
        var limiter = new InMemoryRateLimiter(clock);
        RateLimitRule fast = new RateLimitRule(1, 1, Duration.ofSeconds(1));
        RateLimitRule slow = new RateLimitRule(1, 1, Duration.ofHours(1));
        limiter.tryAcquire("fast", fast);
        limiter.tryAcquire("slow", slow);
        clock.advance(Duration.ofSeconds(2));

        // when
        limiter.sweep();

        // then: the slow bucket still remembers it is empty
        assertThat(limiter.size()).isEqualTo(1);
        assertThat(limiter.tryAcquire("slow", slow).allowed()).isFalse();
        assertThat(limiter.tryAcquire("fast", fast).allowed()).isTrue();
    }
}
