package com.astradesk.core.audit;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One page of {@link AuditLog#query}: the matching records, newest first, each with its chain status, and the
 * position to ask for the next (older) page, empty when this is the last. Immutable and thread-safe.
 *
 * @param entries the records of the page
 * @param next    pass to {@link AuditQuery.Builder#withBefore} for the next page
 */
public record AuditPage(List<AuditEntry> entries, OptionalLong next) {
    public AuditPage {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
        Objects.requireNonNull(next, "next");
    }

    /** Whether every record of the page verified. */
    public boolean verified() {
        return entries.stream().allMatch(e -> e.chain() == ChainStatus.VERIFIED);
    }

    /** The first record (newest first) whose chain check failed. */
    public Optional<AuditEntry> firstBroken() {
        return entries.stream().filter(e -> e.chain() != ChainStatus.VERIFIED).findFirst();
    }
}
