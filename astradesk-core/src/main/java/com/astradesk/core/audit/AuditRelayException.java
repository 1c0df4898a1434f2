package com.astradesk.core.audit;

import com.astradesk.core.AstraDeskException;

/**
 * A relay round published nothing: the bus did not acknowledge any message of a non-empty batch (bus down,
 * timeout). The rows stay pending; the relay backs off and retries. Carries the batch size and the first
 * cause.
 */
public final class AuditRelayException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final int batchSize;

    public AuditRelayException(int batchSize, Throwable cause) {
        super("audit bus acknowledged none of " + batchSize + " outbox messages", cause);
        this.batchSize = batchSize;
    }

    /** How many messages the failed batch held. */
    public int batchSize() {
        return batchSize;
    }
}
