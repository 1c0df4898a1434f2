package com.astradesk.server.auditor;

import java.util.List;
import java.util.Set;

/**
 * A destination the Auditor writes every audit event to (archive, search index). Writes must be idempotent
 * on the event id: the Auditor re-delivers an event until every sink has accepted it, so a sink sees the
 * same event again after a crash or a partial failure. Implementations must be thread-safe.
 */
public interface AuditArchiveSink {

    /** A short name for logs and metrics ({@code s3}, {@code search}). */
    String name();

    /**
     * Writes a batch.
     *
     * @return the ids of the events that were NOT stored (empty when all were); those are retried
     * @throws RuntimeException when the sink is unavailable: the whole batch counts as not stored
     */
    Set<String> write(List<AuditEvent> events);
}
