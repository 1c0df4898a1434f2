package com.astradesk.core.audit;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * One audit event: who did what, with which decision. Arguments are already redacted. {@code prevHash} and
 * {@code hash} are filled in by the audit log that chains records; a fresh record has them empty. The
 * timestamp is kept to the microsecond, so a record read back from PostgreSQL hashes the same. Build one with
 * {@link #builder()}. Immutable and thread-safe.
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
        args = args == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(args);
        requestId = Objects.requireNonNullElse(requestId, Optional.empty());
        traceId = Objects.requireNonNullElse(traceId, Optional.empty());
        runId = Objects.requireNonNullElse(runId, Optional.empty());
        prevHash = Objects.requireNonNullElse(prevHash, Optional.empty());
        hash = Objects.requireNonNullElse(hash, Optional.empty());
    }

    /** A builder for a fresh record; {@code eventId} defaults to a random UUID. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this record's values, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder()
                .withEventId(eventId)
                .withTs(ts)
                .withActor(actor)
                .withTenant(tenant)
                .withAction(action)
                .withDecision(decision)
                .withTool(tool)
                .withSideEffect(sideEffect)
                .withArgs(args)
                .withRequestId(requestId)
                .withTraceId(traceId)
                .withRunId(runId)
                .withPrevHash(prevHash)
                .withHash(hash);
    }

    /** This record chained after {@code previousHash} with its own {@code newHash}. */
    public AuditRecord chained(Optional<String> previousHash, String newHash) {
        return toBuilder().withPrevHash(previousHash).withHash(newHash).build();
    }

    /**
     * Builds an {@link AuditRecord}. {@code ts}, {@code actor}, {@code action} and {@code decision} are required;
     * {@link #build()} names the first one missing. Not thread-safe; the record it builds is.
     */
    public static final class Builder {
        private String eventId;
        private Instant ts;
        private String actor;
        private Optional<String> tenant = Optional.empty();
        private String action;
        private AuditDecision decision;
        private Optional<String> tool = Optional.empty();
        private Optional<String> sideEffect = Optional.empty();
        private Map<String, Object> args = Map.of();
        private Optional<String> requestId = Optional.empty();
        private Optional<String> traceId = Optional.empty();
        private Optional<String> runId = Optional.empty();
        private Optional<String> prevHash = Optional.empty();
        private Optional<String> hash = Optional.empty();

        private Builder() {}

        /** The event id; a random UUID when not set. */
        public Builder withEventId(String eventId) {
            this.eventId = Objects.requireNonNull(eventId, "eventId");
            return this;
        }

        /** When it happened (kept to the microsecond). */
        public Builder withTs(Instant ts) {
            this.ts = Objects.requireNonNull(ts, "ts");
            return this;
        }

        /** The principal's subject. */
        public Builder withActor(String actor) {
            this.actor = Objects.requireNonNull(actor, "actor");
            return this;
        }

        /** The principal's tenant. */
        public Builder withTenant(String tenant) {
            return withTenant(Optional.of(tenant));
        }

        /** The principal's tenant, if any. */
        public Builder withTenant(Optional<String> tenant) {
            this.tenant = Objects.requireNonNull(tenant, "tenant");
            return this;
        }

        /** {@code agents.run}, a tool name, {@code auth.denied}, ... */
        public Builder withAction(String action) {
            this.action = Objects.requireNonNull(action, "action");
            return this;
        }

        /** Allowed, denied, pending or error. */
        public Builder withDecision(AuditDecision decision) {
            this.decision = Objects.requireNonNull(decision, "decision");
            return this;
        }

        /** The tool, for tool calls. */
        public Builder withTool(String tool) {
            return withTool(Optional.of(tool));
        }

        /** The tool, for tool calls. */
        public Builder withTool(Optional<String> tool) {
            this.tool = Objects.requireNonNull(tool, "tool");
            return this;
        }

        /** The tool's side effect wire name, for tool calls. */
        public Builder withSideEffect(String sideEffect) {
            return withSideEffect(Optional.of(sideEffect));
        }

        /** The tool's side effect wire name, for tool calls. */
        public Builder withSideEffect(Optional<String> sideEffect) {
            this.sideEffect = Objects.requireNonNull(sideEffect, "sideEffect");
            return this;
        }

        /** Redacted arguments / details (copied when built). */
        public Builder withArgs(Map<String, Object> args) {
            this.args = Objects.requireNonNull(args, "args");
            return this;
        }

        /** The request id. */
        public Builder withRequestId(String requestId) {
            return withRequestId(Optional.of(requestId));
        }

        /** The request id, if any. */
        public Builder withRequestId(Optional<String> requestId) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            return this;
        }

        /** The trace id. */
        public Builder withTraceId(String traceId) {
            return withTraceId(Optional.of(traceId));
        }

        /** The trace id, when tracing is on. */
        public Builder withTraceId(Optional<String> traceId) {
            this.traceId = Objects.requireNonNull(traceId, "traceId");
            return this;
        }

        /** The agent run id. */
        public Builder withRunId(String runId) {
            return withRunId(Optional.of(runId));
        }

        /** The agent run id, if any. */
        public Builder withRunId(Optional<String> runId) {
            this.runId = Objects.requireNonNull(runId, "runId");
            return this;
        }

        /** Hash of the previous record in the chain. */
        public Builder withPrevHash(String prevHash) {
            return withPrevHash(Optional.of(prevHash));
        }

        /** Hash of the previous record in the chain, if any. */
        public Builder withPrevHash(Optional<String> prevHash) {
            this.prevHash = Objects.requireNonNull(prevHash, "prevHash");
            return this;
        }

        /** This record's hash. */
        public Builder withHash(String hash) {
            return withHash(Optional.of(hash));
        }

        /** This record's hash, if chained. */
        public Builder withHash(Optional<String> hash) {
            this.hash = Objects.requireNonNull(hash, "hash");
            return this;
        }

        /**
         * The record.
         *
         * @throws NullPointerException naming the first required value not set
         */
        public AuditRecord build() {
            return new AuditRecord(
                    eventId == null ? UUID.randomUUID().toString() : eventId,
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
                    prevHash,
                    hash);
        }
    }
}
