package com.astradesk.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RateLimitDecisionTest {

    @Test
    void should_give_rate_limit_headers_and_retry_after_rounded_up_when_denied() {
        // given
        var denied = new RateLimitDecision(false, 60, 0, Duration.ofMillis(59_001), Duration.ofMillis(1_200));

        // when / then
        assertThat(denied.headers())
                .containsExactly(
                        org.assertj.core.api.Assertions.entry("RateLimit-Limit", "60"),
                        org.assertj.core.api.Assertions.entry("RateLimit-Remaining", "0"),
                        org.assertj.core.api.Assertions.entry("RateLimit-Reset", "60"),
                        org.assertj.core.api.Assertions.entry("Retry-After", "2"));
        assertThat(new RateLimitExceededException(denied).decision()).isSameAs(denied);
    }

    @Test
    void should_omit_retry_after_and_zero_the_wait_when_allowed() {
        var allowed = new RateLimitDecision(true, 10, 9, Duration.ofSeconds(6), Duration.ofSeconds(3));

        assertThat(allowed.headers()).doesNotContainKey("Retry-After").containsEntry("RateLimit-Remaining", "9");
        assertThat(allowed.retryAfter()).isZero();
        assertThat(allowed.retryAfterSeconds()).isZero();
    }

    @Test
    void should_ask_for_at_least_one_second_when_denied_with_a_sub_second_wait() {
        var denied = new RateLimitDecision(false, 10, 0, Duration.ofMillis(5), Duration.ofMillis(5));

        assertThat(denied.retryAfterSeconds()).isEqualTo(1);
    }
}
