package com.astradesk.core.plan.llm;

import com.astradesk.core.model.ModelException;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningException;
import com.astradesk.core.plan.PlanningRequest;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a primary planner and, when it fails ({@link PlanningException} or {@link ModelException}), the fallback
 * instead, marking the fallback's plan {@linkplain Plan#degraded(String) degraded} with the primary's reason.
 * Failures of the fallback propagate. Thread-safe when both planners are.
 */
public final class FallbackPlanner implements Planner {
    private static final Logger LOG = LoggerFactory.getLogger(FallbackPlanner.class);

    private final Planner primary;
    private final Planner fallback;

    private FallbackPlanner(Planner primary, Planner fallback) {
        this.primary = Objects.requireNonNull(primary, "primary");
        this.fallback = Objects.requireNonNull(fallback, "fallback");
    }

    /** Composes {@code primary} with {@code fallback}. */
    public static FallbackPlanner of(Planner primary, Planner fallback) {
        return new FallbackPlanner(primary, fallback);
    }

    @Override
    public Plan plan(PlanningRequest request) {
        String reason;
        try {
            return primary.plan(request);
        } catch (PlanningException e) {
            reason = e.getMessage();
        } catch (ModelException e) {
            reason = LlmPlanner.reason(e);
        }
        LOG.warn("primary planner failed ({}); using the fallback planner", reason);
        return fallback.plan(request).degraded(reason);
    }
}
