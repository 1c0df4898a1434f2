package com.astradesk.core.ratelimit;

/** What a shared rate limiter does when its store (Redis) cannot be reached. */
public enum FailureMode {
    /** Let requests through (availability first); the outage is logged. */
    OPEN,
    /** Refuse requests with {@link RateLimiterUnavailableException} (protection first); the outage is logged. */
    CLOSED
}
