package com.astradesk.core.audit;

import com.astradesk.core.audit.internal.CanonicalAuditJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Tamper evidence for audit records: each record's {@code hash} is SHA-256 over its canonical JSON (sorted
 * keys, without {@code hash}) including {@code prev_hash}. Changing, removing or reordering a record breaks
 * every later link. Thread-safe (stateless).
 */
public final class AuditChain {
    private AuditChain() {}

    /** The record chained after {@code previousHash}. */
    public static AuditRecord link(Optional<String> previousHash, AuditRecord record) {
        return CanonicalAuditJson.link(previousHash, record).record();
    }

    /** Links records in order, starting after {@code previousHash}. */
    public static List<AuditRecord> linkAll(Optional<String> previousHash, List<AuditRecord> records) {
        var out = new java.util.ArrayList<AuditRecord>(records.size());
        Optional<String> prev = previousHash;
        for (AuditRecord r : records) {
            AuditRecord linked = link(prev, r);
            out.add(linked);
            prev = linked.hash();
        }
        return out;
    }

    /**
     * Checks a chain segment: each record must hash correctly and point at its predecessor. The first
     * record's {@code prevHash} is taken as given, so a segment cut from a longer log verifies; use {@link
     * #firstBrokenLink(Optional, List)} to also detect a removed first record.
     *
     * @return the index of the first record whose hash or link is wrong, or empty when the chain holds
     */
    public static OptionalInt firstBrokenLink(List<AuditRecord> records) {
        return records.isEmpty()
                ? OptionalInt.empty()
                : firstBrokenLink(records.get(0).prevHash(), records);
    }

    /**
     * Checks a chain that must start after {@code expectedPrevHash} (empty for a log's very first record).
     *
     * @return the index of the first record whose hash or link is wrong, or empty when the chain holds
     */
    public static OptionalInt firstBrokenLink(Optional<String> expectedPrevHash, List<AuditRecord> records) {
        Optional<String> prev = Objects.requireNonNull(expectedPrevHash, "expectedPrevHash");
        for (int i = 0; i < records.size(); i++) {
            AuditRecord r = records.get(i);
            if (!r.prevHash().equals(prev)
                    || r.hash().isEmpty()
                    || !r.hash().get().equals(hash(r))) {
                return OptionalInt.of(i);
            }
            prev = r.hash();
        }
        return OptionalInt.empty();
    }

    /** The canonical wire form of a record (snake_case keys), as hashed and as published. */
    public static Map<String, Object> toWire(AuditRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema_version", 1);
        m.put("event_id", r.eventId());
        m.put("ts", r.ts().toString());
        m.put("actor", r.actor());
        m.put("tenant", r.tenant().orElse(null));
        m.put("action", r.action());
        m.put("decision", r.decision().wireName());
        m.put("tool", r.tool().orElse(null));
        m.put("side_effect", r.sideEffect().orElse(null));
        m.put("args", r.args());
        m.put("request_id", r.requestId().orElse(null));
        m.put("trace_id", r.traceId().orElse(null));
        m.put("run_id", r.runId().orElse(null));
        m.put("prev_hash", r.prevHash().orElse(null));
        m.put("hash", r.hash().orElse(null));
        return m;
    }

    static String hash(AuditRecord r) {
        // Json.canonical(toWire(r) without "hash"), written without the map (CanonicalAuditJsonTest checks the bytes)
        return CanonicalAuditJson.sha256Hex(CanonicalAuditJson.hashedText(r, r.prevHash()));
    }
}
