package com.astradesk.server.http;

import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitExceededException;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Objects;

/**
 * Takes a token from the authenticated caller's bucket on every protected request (after {@link AuthHandler}),
 * adds the {@code RateLimit-*} headers and refuses an empty bucket with {@link RateLimitExceededException}
 * (429 with {@code Retry-After}). Thread-safe.
 */
final class RateLimitHandler implements Handler {
    private final RateLimitPolicy policy;

    RateLimitHandler(RateLimitPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    @Override
    public void handle(Context ctx) {
        RateLimitDecision decision = policy.acquire(AuthHandler.principal(ctx));
        decision.headers().forEach(ctx::header);
        if (!decision.allowed()) {
            throw new RateLimitExceededException(decision);
        }
    }
}
