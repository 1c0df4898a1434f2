package com.astradesk.core.ratelimit;

import com.astradesk.core.ratelimit.internal.InMemoryTokenBudget;
import java.time.Clock;

/**
 * Budgets of units spent per period, keyed by an opaque string: e.g. a principal's model tokens per minute. Unlike a
 * {@link RateLimiter}, the cost of a call is known only once it ran: {@link #check} admits a call while the key's
 * balance holds at least one unit, {@link #charge} debits what the call used and may take the balance below zero, so
 * the next call waits until the budget has refilled that far. Calls admitted together may all run before any is
 * charged; the overshoot is paid back by waiting. The rule's capacity is the budget (burst), its refill the rate.
 * The in-memory budget serves one process; {@code com.astradesk.core.store.redis.RedisTokenBudget} shares budgets
 * across replicas. Implementations are thread-safe.
 */
public interface TokenBudget {

    /**
     * Whether a call may start: the balance of {@code key} holds at least one unit (a new key starts full).
     *
     * @param key  the budget, e.g. {@link RateLimitPolicy#principalKey}; not blank
     * @param rule the budget's shape; a key should always be used with the same rule
     * @return allowed or not, with the numbers for the response headers ({@code remaining} is never below zero)
     * @throws RateLimiterUnavailableException when a shared store is down and the budget fails closed
     */
    default RateLimitDecision check(String key, RateLimitRule rule) {
        // a charge of nothing: the balance as it stands, by the same rule and store round trip
        return charge(key, rule, 0);
    }

    /**
     * Debits {@code units} a call used; the balance may go below zero.
     *
     * @param units the units used (≥ 0)
     * @return the balance after the charge ({@code allowed} says whether the next call could start now)
     * @throws RateLimiterUnavailableException when a shared store is down and the budget fails closed
     */
    RateLimitDecision charge(String key, RateLimitRule rule, long units);

    /** Budgets in this process's memory, on the system clock. */
    static TokenBudget inMemory() {
        return new InMemoryTokenBudget(Clock.systemUTC());
    }

    /** Budgets in this process's memory, refilled by {@code clock} (tests). */
    static TokenBudget inMemory(Clock clock) {
        return new InMemoryTokenBudget(clock);
    }
}
