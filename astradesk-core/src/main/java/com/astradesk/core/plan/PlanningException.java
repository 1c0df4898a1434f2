package com.astradesk.core.plan;

import com.astradesk.core.AstraDeskException;

/** A planner could not produce a valid plan. Callers fall back to another planner. */
public class PlanningException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    public PlanningException(String message) {
        super(message);
    }

    public PlanningException(String message, Throwable cause) {
        super(message, cause);
    }
}
