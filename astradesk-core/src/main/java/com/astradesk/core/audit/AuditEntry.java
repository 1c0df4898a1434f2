package com.astradesk.core.audit;

import java.util.Objects;

/**
 * One record as read from the log, with its position in the log (1 for the oldest, growing; gaps allowed) and
 * the result of checking it against the chain. Immutable and thread-safe.
 *
 * @param position where the record sits in the log
 * @param record   the record as stored
 * @param chain    whether its hash and both of its links hold
 */
public record AuditEntry(long position, AuditRecord record, ChainStatus chain) {
    public AuditEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(chain, "chain");
    }
}
