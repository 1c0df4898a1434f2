package com.astradesk.core.audit;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** The result of checking one stored audit record against the hash chain around it. */
public enum ChainStatus {
    /** Its hash is the hash of its content, it points at its predecessor and its successor points at it. */
    VERIFIED,
    /** Its content no longer hashes to its stored hash: it was changed after it was written. */
    HASH_MISMATCH,
    /** Its content hashes right, but its predecessor or successor does not link to it (removed or reordered). */
    LINK_BROKEN;

    /** The wire name: {@code verified}, {@code hash_mismatch} or {@code link_broken}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Checks one stored record against its neighbours in the log.
     *
     * @param predecessorHash   the hash of the record before it, empty when it is the first
     * @param record            the record as stored (with {@code prevHash} and {@code hash})
     * @param hasSuccessor      whether a record follows it
     * @param successorPrevHash the stored {@code prevHash} of the record after it (when there is one)
     */
    public static ChainStatus of(
            Optional<String> predecessorHash,
            AuditRecord record,
            boolean hasSuccessor,
            Optional<String> successorPrevHash) {
        Objects.requireNonNull(record, "record");
        if (record.hash().isEmpty() || !record.hash().get().equals(AuditChain.hash(record))) {
            return HASH_MISMATCH;
        }
        boolean backward = record.prevHash().equals(predecessorHash);
        boolean forward = !hasSuccessor || successorPrevHash.equals(record.hash());
        return backward && forward ? VERIFIED : LINK_BROKEN;
    }
}
