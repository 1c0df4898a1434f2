package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.ratelimit.RateLimitDecision;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A step of an agent run hit the caller's per-tool rate limit. The run stopped there and was journaled — the
 * steps that ran and the refusal are audited — so the 429 carries the run id and its steps: those that ran, then
 * the limited one with status {@code rate_limited}.
 */
public class RunRateLimitedException extends AstraDeskException {
    private static final long serialVersionUID = 1L;
    private final transient AgentResult result;
    private final transient StepResult limited;
    private final transient List<Map<String, Object>> steps;

    RunRateLimitedException(AgentResult result, StepResult limited, List<Map<String, Object>> steps) {
        super(limited.error().orElse("rate limit for '" + limited.tool() + "' reached"));
        this.result = Objects.requireNonNull(result, "result");
        this.limited = Objects.requireNonNull(limited, "limited");
        this.steps = List.copyOf(steps);
    }

    /** The run. */
    public AgentResult result() {
        return result;
    }

    /** The step the limit stopped. */
    public StepResult limited() {
        return limited;
    }

    /** The limiter's decision (for the {@code Retry-After} and {@code RateLimit-*} headers). */
    public RateLimitDecision decision() {
        return limited.rateLimit().orElseThrow();
    }

    /** The run's steps in wire form. */
    public List<Map<String, Object>> steps() {
        return steps;
    }
}
