package com.astradesk.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Behaviour every {@link TokenBudget} must show; the in-memory and the Redis budget both extend it. */
public abstract class AbstractTokenBudgetContractTest {
    private final String run = UUID.randomUUID().toString();

    /** The budget under test. */
    protected abstract TokenBudget budget();

    /** Lets {@code d} pass for the budget (moves a test clock, or sleeps). */
    protected abstract void elapse(Duration d) throws InterruptedException;

    /** A key unique to this test run. */
    protected String key(String name) {
        return "test:" + run + ":" + name;
    }

    @Test
    void should_admit_a_new_key_with_its_whole_budget() {
        RateLimitRule rule = new RateLimitRule(1000, 1000, Duration.ofMinutes(1));

        RateLimitDecision d = budget().check(key("new"), rule);

        assertThat(d.allowed()).isTrue();
        assertThat(d.limit()).isEqualTo(1000);
        assertThat(d.remaining()).isEqualTo(1000);
        assertThat(d.resetAfter()).isZero();
    }

    @Test
    void should_debit_charges_and_refuse_once_the_balance_is_spent() {
        RateLimitRule rule = new RateLimitRule(100, 100, Duration.ofHours(1));
        String key = key("spend");

        RateLimitDecision afterFirst = budget().charge(key, rule, 60);
        RateLimitDecision stillOpen = budget().check(key, rule);
        RateLimitDecision afterSecond = budget().charge(key, rule, 60);
        RateLimitDecision refused = budget().check(key, rule);

        assertThat(afterFirst.remaining()).isEqualTo(40);
        assertThat(stillOpen.allowed()).isTrue();
        assertThat(afterSecond.allowed()).isFalse();
        assertThat(afterSecond.remaining()).isZero();
        assertThat(refused.allowed()).isFalse();
        // 20 units of debt plus one unit at 36 s per unit: about 12.6 minutes
        assertThat(refused.retryAfter()).isBetween(Duration.ofSeconds(750), Duration.ofSeconds(757));
        assertThat(refused.headers()).containsKey("Retry-After");
    }

    @Test
    void should_admit_again_once_the_debt_has_refilled() throws InterruptedException {
        // 10 units per 3 s: the 5 units of debt and the one unit a check needs take 1.8 s to refill (at 10 per
        // second a stall of a loaded machine between charge and check let the refusal turn into an admission)
        RateLimitRule rule = new RateLimitRule(10, 10, Duration.ofSeconds(3));
        String key = key("refill");
        budget().charge(key, rule, 15);
        assertThat(budget().check(key, rule).allowed()).isFalse();

        elapse(Duration.ofMillis(2_400));

        assertThat(budget().check(key, rule).allowed()).isTrue();
    }

    @Test
    void should_keep_budgets_of_different_keys_apart() {
        RateLimitRule rule = new RateLimitRule(10, 10, Duration.ofHours(1));
        budget().charge(key("alice"), rule, 50);

        assertThat(budget().check(key("alice"), rule).allowed()).isFalse();
        assertThat(budget().check(key("bob"), rule).allowed()).isTrue();
    }

    @Test
    void should_refuse_a_negative_charge() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> budget().charge(key("neg"), RateLimitRule.perMinute(10), -1));
    }
}
