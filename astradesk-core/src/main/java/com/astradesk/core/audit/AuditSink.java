package com.astradesk.core.audit;

/**
 * Receives audit records as they are produced. The registry's invoker writes each call's record to a sink;
 * an agent run buffers its records and commits them with the dialogue in one transaction.
 * Implementations must be thread-safe unless documented otherwise.
 */
@FunctionalInterface
public interface AuditSink {
    /** Accepts one record. Must not throw for ordinary input. */
    void accept(AuditRecord record);
}
