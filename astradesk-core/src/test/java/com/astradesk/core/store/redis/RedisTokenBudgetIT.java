package com.astradesk.core.store.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.ratelimit.AbstractTokenBudgetContractTest;
import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import com.astradesk.core.ratelimit.TokenBudget;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RedisTokenBudgetIT extends AbstractTokenBudgetContractTest {
    private static RedisClient client;
    private static RedisTokenBudget budget;

    @BeforeAll
    static void connect() {
        client = RedisTestSupport.connect();
        budget = new RedisTokenBudget(client, FailureMode.CLOSED);
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Override
    protected TokenBudget budget() {
        return budget;
    }

    @Override
    protected void elapse(Duration d) throws InterruptedException {
        Thread.sleep(d.toMillis());
    }

    @Test
    void should_share_one_budget_between_two_replicas() {
        RedisTokenBudget other = new RedisTokenBudget(client, FailureMode.CLOSED);
        RateLimitRule rule = new RateLimitRule(100, 100, Duration.ofHours(1));
        String key = key("shared");

        budget.charge(key, rule, 70);
        RateLimitDecision seenByOther = other.charge(key, rule, 40);

        assertThat(seenByOther.allowed()).isFalse();
        assertThat(budget.check(key, rule).allowed()).isFalse();
    }

    @Test
    void should_store_the_budget_under_budget_key_with_an_expiry_until_full() {
        String key = key("ttl");

        budget.charge(key, new RateLimitRule(10, 10, Duration.ofSeconds(1)), 5);

        assertThat(client.pttl("budget:" + key)).isBetween(1L, 500L);
    }

    @Test
    void should_let_calls_through_when_redis_is_down_and_failing_open() {
        try (RedisClient down = RedisTestSupport.unreachable()) {
            var open = new RedisTokenBudget(down, FailureMode.OPEN);

            assertThat(open.check("k", RateLimitRule.perMinute(1)).allowed()).isTrue();
        }
    }

    @Test
    void should_refuse_calls_when_redis_is_down_and_failing_closed() {
        try (RedisClient down = RedisTestSupport.unreachable()) {
            var closed = new RedisTokenBudget(down, FailureMode.CLOSED);

            assertThatThrownBy(() -> closed.check("k", RateLimitRule.perMinute(1)))
                    .isInstanceOf(RateLimiterUnavailableException.class);
        }
    }
}
