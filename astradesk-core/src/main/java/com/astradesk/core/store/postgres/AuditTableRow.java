package com.astradesk.core.store.postgres;

import com.astradesk.core.audit.AuditRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of table {@code audits} as stored: the indexed columns next to the hashed payload, so that
 * {@code audit verify} can tell when a column no longer says what the payload (and so the hash) says. A query
 * filtering on {@code actor} or {@code ts} reads the columns, not the payload. Immutable and thread-safe.
 *
 * @param id       the row id (chain order)
 * @param eventId  column {@code event_id}
 * @param ts       column {@code ts}
 * @param actor    column {@code actor}
 * @param action   column {@code action}
 * @param decision column {@code decision} (the wire name)
 * @param runId    column {@code run_id}
 * @param prevHash column {@code prev_hash}
 * @param hash     column {@code hash}
 * @param payload  column {@code payload}: the event's wire JSON, as text
 */
public record AuditTableRow(
        long id,
        String eventId,
        Instant ts,
        String actor,
        String action,
        String decision,
        Optional<String> runId,
        Optional<String> prevHash,
        String hash,
        String payload) {

    public AuditTableRow {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(ts, "ts");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decision, "decision");
        runId = Objects.requireNonNullElse(runId, Optional.empty());
        prevHash = Objects.requireNonNullElse(prevHash, Optional.empty());
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(payload, "payload");
    }

    /**
     * The columns that disagree with {@code hashed} (the record read from this row's payload), one sentence
     * each naming the column and both values; empty when every column agrees.
     */
    public List<String> disagreementsWith(AuditRecord hashed) {
        List<String> out = new ArrayList<>();
        compare(out, "event_id", eventId, hashed.eventId());
        compare(out, "ts", ts.toString(), hashed.ts().toString());
        compare(out, "actor", actor, hashed.actor());
        compare(out, "action", action, hashed.action());
        compare(out, "decision", decision, hashed.decision().wireName());
        compare(out, "run_id", runId.orElse(null), hashed.runId().orElse(null));
        compare(out, "prev_hash", prevHash.orElse(null), hashed.prevHash().orElse(null));
        compare(out, "hash", hash, hashed.hash().orElse(null));
        return out;
    }

    private static void compare(List<String> out, String column, String stored, String inPayload) {
        if (!Objects.equals(stored, inPayload)) {
            out.add("column " + column + " is " + quoted(stored) + " but the hashed payload says " + quoted(inPayload));
        }
    }

    private static String quoted(String value) {
        return value == null ? "null" : "'" + value + "'";
    }
}
