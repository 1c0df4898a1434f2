package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditRecord;
import java.util.List;
import java.util.Optional;

/**
 * Walks a hash chain record by record in constant memory (for a large {@code audits} table) and collects what is
 * wrong: a record whose hash does not match its content, a record whose {@code prev_hash} does not point at the
 * record before it (one was removed, reordered or rewritten), a first record that points at a predecessor when
 * the chain must start at its beginning, plus whatever the caller found about a record's storage (keys the hash
 * does not cover, columns that disagree with the payload). Keeps the first {@link VerificationResult#MAX_FINDINGS}
 * findings and counts all. Not thread-safe.
 */
public final class ChainChecker {
    private final String source;
    private final boolean fromStart;
    private final Findings findings = new Findings();
    private long checked;
    private boolean anchored;
    private Optional<String> previousHash = Optional.empty();

    /**
     * @param source    what is checked, as reported
     * @param fromStart whether the records begin at the chain's first record (whose {@code prev_hash} is null);
     *                  otherwise the first record's {@code prev_hash} is taken as given (a slice of a chain)
     */
    public ChainChecker(String source, boolean fromStart) {
        this.source = source;
        this.fromStart = fromStart;
        this.anchored = fromStart;
    }

    /**
     * Checks the next record in chain order and records {@code storageProblems} found about it by the caller.
     *
     * @param location where the record is stored, as reported
     */
    public void accept(AuditRecord record, String location, List<String> storageProblems) {
        long index = checked++;
        storageProblems.forEach(p -> report(index, record.eventId(), location, p));
        if (anchored && !record.prevHash().equals(previousHash)) {
            report(index, record.eventId(), location, linkProblem(index));
        }
        if (AuditChain.firstBrokenLink(record.prevHash(), List.of(record)).isPresent()) {
            report(index, record.eventId(), location, "its hash does not match its content");
        }
        previousHash = record.hash();
        anchored = true;
    }

    /**
     * Counts a record whose stored form cannot be read as an event, reports it, and continues the chain at its
     * stored hash when one is known (the next record must point at it), else takes the next link as given.
     */
    public void acceptUnreadable(String eventId, String location, Optional<String> storedHash, String problem) {
        long index = checked++;
        report(index, eventId, location, problem);
        previousHash = storedHash;
        anchored = storedHash.isPresent();
    }

    /** Reports a problem with a record that has no place in the chain (e.g. a second archived copy). */
    public void reportUnplaced(String eventId, String location, String problem) {
        report(-1, eventId, location, problem);
    }

    /** The outcome so far. */
    public VerificationResult result() {
        return findings.result(source, checked);
    }

    private String linkProblem(long index) {
        if (index == 0 && fromStart) {
            return "it is the first record but its prev_hash points at an earlier one (the records before it were"
                    + " removed)";
        }
        return "its prev_hash does not match the previous record's hash (a record was removed, reordered or"
                + " rewritten)";
    }

    private void report(long index, String eventId, String location, String problem) {
        findings.add(index, eventId, location, problem);
    }
}
