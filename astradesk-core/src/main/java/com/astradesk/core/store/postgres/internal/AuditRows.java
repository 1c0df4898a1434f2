package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.json.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/** SQL for tables {@code audits} and {@code outbox}. */
final class AuditRows {
    /** Advisory lock key that serializes chain appends across every process using the database. */
    static final long CHAIN_LOCK = 0x4153_5452_4144_4b31L;
    /** The outbox topic of audit events (the NATS subject the relay publishes to). */
    static final String AUDIT_TOPIC = "astradesk.audit";

    private AuditRows() {}

    /**
     * Chains and inserts records after the current tail. Must run inside a transaction: the advisory lock is
     * held until commit, so concurrent appenders see each other's tail and the chain never forks.
     */
    static List<AuditRecord> appendChained(Handle h, List<AuditRecord> records) {
        return append(h, records, false);
    }

    /** {@link #appendChained} plus one outbox row naming the records by their id range. */
    static List<AuditRecord> appendChainedWithOutbox(Handle h, List<AuditRecord> records) {
        return append(h, records, true);
    }

    /** Takes the chain lock (held until the transaction ends) and reads the chain's last hash. */
    static Optional<String> lockedTail(Handle h) {
        h.createQuery("SELECT 1 FROM pg_advisory_xact_lock(:key)")
                .bind("key", CHAIN_LOCK)
                .mapTo(Integer.class)
                .one();
        return h.createQuery("SELECT hash FROM audits ORDER BY id DESC LIMIT 1")
                .mapTo(String.class)
                .findOne();
    }

    private static List<AuditRecord> append(Handle h, List<AuditRecord> records, boolean outbox) {
        if (records.isEmpty()) {
            return List.of();
        }
        List<AuditRecord> linked = AuditChain.linkAll(lockedTail(h), records);
        PreparedBatch batch = h.prepareBatch(
                "INSERT INTO audits (event_id, ts, actor, action, decision, run_id, payload, prev_hash, hash)"
                        + " VALUES (:eventId, :ts, :actor, :action, :decision, :runId, CAST(:payload AS jsonb),"
                        + " :prevHash, :hash)");
        for (AuditRecord r : linked) {
            batch.bind("eventId", r.eventId())
                    .bind("ts", OffsetDateTime.ofInstant(r.ts(), ZoneOffset.UTC))
                    .bind("actor", r.actor())
                    .bind("action", r.action())
                    .bind("decision", r.decision().wireName())
                    .bind("runId", r.runId().orElse(null))
                    .bind("payload", Json.write(AuditChain.toWire(r)))
                    .bind("prevHash", r.prevHash().orElse(null))
                    .bind("hash", r.hash().orElseThrow())
                    .add();
        }
        List<Long> ids = batch.executePreparedBatch("id").mapTo(Long.class).list();
        if (outbox) {
            insertOutbox(h, ids);
        }
        return linked;
    }

    /**
     * The outbox row of records just inserted under the chain lock (V9): their id range, no copy of the payloads.
     * The lock keeps every other chain writer out, so the range holds exactly these records.
     */
    private static void insertOutbox(Handle h, List<Long> ids) {
        h.createUpdate("INSERT INTO outbox (topic, first_audit_id, last_audit_id) VALUES (:topic, :first, :last)")
                .bind("topic", AUDIT_TOPIC)
                .bind("first", ids.stream().mapToLong(Long::longValue).min().orElseThrow())
                .bind("last", ids.stream().mapToLong(Long::longValue).max().orElseThrow())
                .execute();
    }

    /** Rebuilds a record from its stored wire form (the inverse of {@link AuditChain#toWire}). */
    @SuppressWarnings("unchecked")
    static AuditRecord fromWire(String json) {
        Map<String, Object> m = Json.readObject(json);
        Object args = m.get("args");
        return AuditRecord.builder()
                .withEventId((String) m.get("event_id"))
                .withTs(Instant.parse((String) m.get("ts")))
                .withActor((String) m.get("actor"))
                .withTenant(text(m, "tenant"))
                .withAction((String) m.get("action"))
                .withDecision(AuditDecision.valueOf(((String) m.get("decision")).toUpperCase(Locale.ROOT)))
                .withTool(text(m, "tool"))
                .withSideEffect(text(m, "side_effect"))
                .withArgs(args instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of())
                .withRequestId(text(m, "request_id"))
                .withTraceId(text(m, "trace_id"))
                .withRunId(text(m, "run_id"))
                .withPrevHash(text(m, "prev_hash"))
                .withHash(text(m, "hash"))
                .build();
    }

    private static Optional<String> text(Map<String, Object> m, String key) {
        return Optional.ofNullable(m.get(key)).map(Object::toString);
    }
}
