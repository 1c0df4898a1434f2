package com.astradesk.server.health;

import com.astradesk.core.AstraDeskException;

/**
 * Thrown by a {@link ReadinessCheck} whose dependency is still starting (the knowledge base loading its model and
 * documents): {@code /readyz} reports the check as failing, but {@link Readiness} does not log it, since the
 * component logs once when it starts and once when it is ready.
 */
public final class StillStartingException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    public StillStartingException(String message) {
        super(message);
    }
}
