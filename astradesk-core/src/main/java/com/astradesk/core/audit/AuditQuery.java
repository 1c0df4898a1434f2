package com.astradesk.core.audit;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A filter over the audit log for {@link AuditLog#query}: every set criterion must match (exact text for
 * actor, action and tool; {@code from} inclusive, {@code to} exclusive), newest first, at most {@link #limit()}
 * records older than the {@link #before()} position (the previous page's {@link AuditPage#next()}). Build with
 * {@link #builder()}. Immutable and thread-safe.
 */
public final class AuditQuery {
    /** The most records one page may hold. */
    public static final int MAX_LIMIT = 200;
    /** The page size when none is given. */
    public static final int DEFAULT_LIMIT = 50;

    private final Optional<String> actor;
    private final Optional<String> action;
    private final Optional<AuditDecision> decision;
    private final Optional<String> tool;
    private final Optional<Instant> from;
    private final Optional<Instant> to;
    private final OptionalLong before;
    private final int limit;

    private AuditQuery(Builder b) {
        this.actor = b.actor;
        this.action = b.action;
        this.decision = b.decision;
        this.tool = b.tool;
        this.from = b.from;
        this.to = b.to;
        this.before = b.before;
        this.limit = b.limit;
    }

    /** A builder: no criteria, the first page of {@value #DEFAULT_LIMIT}. */
    public static Builder builder() {
        return new Builder();
    }

    /** Every record, first page. */
    public static AuditQuery all() {
        return builder().build();
    }

    public Optional<String> actor() {
        return actor;
    }

    public Optional<String> action() {
        return action;
    }

    public Optional<AuditDecision> decision() {
        return decision;
    }

    public Optional<String> tool() {
        return tool;
    }

    /** Records at or after this instant. */
    public Optional<Instant> from() {
        return from;
    }

    /** Records before this instant. */
    public Optional<Instant> to() {
        return to;
    }

    /** Only records at a log position lower than this (paging); empty for the newest page. */
    public OptionalLong before() {
        return before;
    }

    /** The most records to return, 1 to {@value #MAX_LIMIT}. */
    public int limit() {
        return limit;
    }

    /** Whether {@code r} meets every criterion except the position and the limit. */
    public boolean matches(AuditRecord r) {
        return actor.map(r.actor()::equals).orElse(true)
                && action.map(r.action()::equals).orElse(true)
                && decision.map(d -> d == r.decision()).orElse(true)
                && tool.map(t -> r.tool().filter(t::equals).isPresent()).orElse(true)
                && from.map(f -> !r.ts().isBefore(f)).orElse(true)
                && to.map(t -> r.ts().isBefore(t)).orElse(true);
    }

    @Override
    public String toString() {
        return "AuditQuery[actor=" + actor + ", action=" + action + ", decision=" + decision + ", tool=" + tool
                + ", from=" + from + ", to=" + to + ", before=" + before + ", limit=" + limit + "]";
    }

    /** Builds an {@link AuditQuery}; rejects bad values with {@link IllegalArgumentException}. Not thread-safe. */
    public static final class Builder {
        private Optional<String> actor = Optional.empty();
        private Optional<String> action = Optional.empty();
        private Optional<AuditDecision> decision = Optional.empty();
        private Optional<String> tool = Optional.empty();
        private Optional<Instant> from = Optional.empty();
        private Optional<Instant> to = Optional.empty();
        private OptionalLong before = OptionalLong.empty();
        private int limit = DEFAULT_LIMIT;

        private Builder() {}

        /** Only records of this actor (the principal's subject). */
        public Builder withActor(String actor) {
            this.actor = Optional.of(Objects.requireNonNull(actor, "actor"));
            return this;
        }

        /** Only records of this action ({@code agents.run}, a tool name, {@code approval.approved}, ...). */
        public Builder withAction(String action) {
            this.action = Optional.of(Objects.requireNonNull(action, "action"));
            return this;
        }

        /** Only records with this decision. */
        public Builder withDecision(AuditDecision decision) {
            this.decision = Optional.of(Objects.requireNonNull(decision, "decision"));
            return this;
        }

        /** Only records of calls to this tool. */
        public Builder withTool(String tool) {
            this.tool = Optional.of(Objects.requireNonNull(tool, "tool"));
            return this;
        }

        /** Only records at or after {@code from}. */
        public Builder withFrom(Instant from) {
            this.from = Optional.of(Objects.requireNonNull(from, "from"));
            return this;
        }

        /** Only records before {@code to}. */
        public Builder withTo(Instant to) {
            this.to = Optional.of(Objects.requireNonNull(to, "to"));
            return this;
        }

        /** Only records at a position lower than {@code position} (a previous page's {@link AuditPage#next()}). */
        public Builder withBefore(long position) {
            if (position < 1) {
                throw new IllegalArgumentException("before must be a position >= 1, was " + position);
            }
            this.before = OptionalLong.of(position);
            return this;
        }

        /** At most this many records, 1 to {@value AuditQuery#MAX_LIMIT}. */
        public Builder withLimit(int limit) {
            if (limit < 1 || limit > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
            }
            this.limit = limit;
            return this;
        }

        /** The query; {@code from} must not be after {@code to}. */
        public AuditQuery build() {
            if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
                throw new IllegalArgumentException("from (" + from.get() + ") is after to (" + to.get() + ")");
            }
            return new AuditQuery(this);
        }
    }
}
