package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Checks a hash chain record by record in constant memory (for a large {@code audits} table): each record is
 * checked against the one before it with {@link AuditChain#firstBrokenLink}; the first broken link is kept.
 * Not thread-safe.
 */
public final class ChainChecker {
    private final String source;
    private AuditRecord previous;
    private long checked;
    private VerificationResult broken;

    /** A checker reporting as {@code source}. */
    public ChainChecker(String source) {
        this.source = source;
    }

    /** Checks the next record in chain order; records after the first broken link are only counted. */
    public void accept(AuditRecord record) {
        checked++;
        if (broken != null) {
            return;
        }
        List<AuditRecord> window = previous == null ? List.of(record) : List.of(previous, record);
        OptionalInt bad = AuditChain.firstBrokenLink(window);
        if (bad.isPresent() && bad.getAsInt() == window.size() - 1) {
            boolean linkOk = previous == null || record.prevHash().equals(previous.hash());
            broken = new VerificationResult(
                    source,
                    checked,
                    Optional.of(record.eventId()),
                    checked - 1,
                    linkOk
                            ? "its hash does not match its content"
                            : "its prev_hash does not match the previous record's hash (a record was removed,"
                                    + " reordered or rewritten)");
        }
        previous = record;
    }

    /** The outcome so far. */
    public VerificationResult result() {
        if (broken != null) {
            return new VerificationResult(
                    source, checked, broken.brokenEventId(), broken.brokenIndex(), broken.detail());
        }
        return new VerificationResult(source, checked, Optional.empty(), -1, "chain intact");
    }
}
