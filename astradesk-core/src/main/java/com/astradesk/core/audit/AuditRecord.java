package com.astradesk.core.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One audit event: who did what, with which decision. Arguments are already redacted. {@code prevHash} and
 * {@code hash} are filled in by the audit log that chains records; a fresh record has them empty. The
 * timestamp is kept to the microsecond, so a record read back from PostgreSQL hashes the same.
 * Immutable and thread-safe.
 *
 * @param eventId    unique id (UUID); the dedup key downstream
 * @param ts         when it happened
 * @param actor      the principal's subject
 * @param tenant     the principal's tenant, if any
 * @param action     {@code agents.run}, a tool name, {@code auth.denied}, ...
 * @param decision   allowed, denied or error
 * @param tool       the tool, for tool calls
 * @param sideEffect the tool's side effect wire name, for tool calls
 * @param args       redacted arguments / details
 * @param requestId  the request id
 * @param traceId    the trace id, when tracing is on
 * @param runId      the agent run id
 * @param prevHash   hash of the previous record in the chain
 * @param hash       this record's hash
 */
public record AuditRecord(
        String eventId,
        Instant ts,
        String actor,
        Optional<String> tenant,
        String action,
        AuditDecision decision,
        Optional<String> tool,
        Optional<String> sideEffect,
        Map<String, Object> args,
        Optional<String> requestId,
        Optional<String> traceId,
        Optional<String> runId,
        Optional<String> prevHash,
        Optional<String> hash) {

    public AuditRecord {
        Objects.requireNonNull(eventId, "eventId");
        ts = Objects.requireNonNull(ts, "ts").truncatedTo(ChronoUnit.MICROS);
        Objects.requireNonNull(actor, "actor");
        tenant = Objects.requireNonNullElse(tenant, Optional.empty());
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decision, "decision");
        tool = Objects.requireNonNullElse(tool, Optional.empty());
        sideEffect = Objects.requireNonNullElse(sideEffect, Optional.empty());
        args = args == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(args));
        requestId = Objects.requireNonNullElse(requestId, Optional.empty());
        traceId = Objects.requireNonNullElse(traceId, Optional.empty());
        runId = Objects.requireNonNullElse(runId, Optional.empty());
        prevHash = Objects.requireNonNullElse(prevHash, Optional.empty());
        hash = Objects.requireNonNullElse(hash, Optional.empty());
    }

    /** This record chained after {@code previousHash} with its own {@code newHash}. */
    public AuditRecord chained(Optional<String> previousHash, String newHash) {
        return new AuditRecord(
                eventId,
                ts,
                actor,
                tenant,
                action,
                decision,
                tool,
                sideEffect,
                args,
                requestId,
                traceId,
                runId,
                previousHash,
                Optional.of(newHash));
    }
}
