package com.astradesk.core.ratelimit;

import com.astradesk.core.AstraDeskException;
import java.util.Objects;

/**
 * Thrown by callers that turn a denied {@link RateLimitDecision} into an error (the server maps it to 429 with
 * {@link RateLimitDecision#headers()}). Carries the decision.
 */
public class RateLimitExceededException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final transient RateLimitDecision decision;

    /** @param decision the denied decision */
    public RateLimitExceededException(RateLimitDecision decision) {
        super("rate limit exceeded; retry after " + decision.retryAfterSeconds() + " s");
        this.decision = Objects.requireNonNull(decision, "decision");
    }

    /** The denied decision (limit, remaining, retry-after). */
    public RateLimitDecision decision() {
        return decision;
    }
}
