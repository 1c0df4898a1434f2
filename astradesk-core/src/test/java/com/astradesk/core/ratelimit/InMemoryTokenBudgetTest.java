package com.astradesk.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.testing.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InMemoryTokenBudgetTest extends AbstractTokenBudgetContractTest {
    private final MutableClock clock = MutableClock.atEpochOf2026();
    private final TokenBudget budget = TokenBudget.inMemory(clock);

    @Override
    protected TokenBudget budget() {
        return budget;
    }

    @Override
    protected void elapse(Duration d) {
        clock.advance(d);
    }

    @Test
    void should_give_the_wait_until_one_unit_is_back_exactly() {
        // given: 60 per minute = one unit a second; 5 units of debt
        RateLimitRule rule = RateLimitRule.perMinute(60);
        budget.charge("k", rule, 65);

        // when
        RateLimitDecision refused = budget.check("k", rule);
        clock.advance(Duration.ofSeconds(6));
        RateLimitDecision admitted = budget.check("k", rule);

        // then
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(6));
        assertThat(refused.resetAfter()).isEqualTo(Duration.ofSeconds(65));
        assertThat(admitted.allowed()).isTrue();
        assertThat(admitted.remaining()).isEqualTo(1);
    }
}
