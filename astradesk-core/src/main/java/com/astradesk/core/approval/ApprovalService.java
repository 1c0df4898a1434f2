package com.astradesk.core.approval;

import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.tool.ApprovalGate;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Tool calls that need a human decision: the registry's approval stage ({@link ApprovalGate}, give this service
 * to {@link com.astradesk.core.tool.ToolRegistryBuilder#withApprovalGate}) parks each call its {@link
 * ApprovalPolicy} selects, and admits the execution of an approved one exactly once. An approver is another
 * principal with the approver role (default {@code approver}) in the requester's tenant; self-approval is
 * refused. An approved step runs through the registry's chain — the one choke point — as the requester, so the
 * requester's own permissions and rate limits still apply. The parked call is audited by the chain (outcome
 * {@code pending_approval}); decisions and refused attempts by this service ({@code approval.approved},
 * {@code approval.rejected}, {@code approval.refused}, {@code approval.expired}). Thread-safe.
 */
public interface ApprovalService extends ApprovalGate {

    /** A builder. */
    static Builder builder() {
        return new Builder();
    }

    /**
     * Approves the step and runs it through {@code registry} as the requester (channel {@code approval}); its
     * audit record goes to the registry's own audit sink. What the step did is kept with the approval, redacted
     * ({@link Approval#result()}, an {@link ExecutedStep}), so the requester can read it later.
     *
     * @throws ApprovalNotFoundException       for an unknown id
     * @throws NotAnApproverException          when {@code approver} lacks the role or is in another tenant
     * @throws SelfApprovalException           when {@code approver} is the requester
     * @throws ApprovalExpiredException        when it expired (it is then marked expired)
     * @throws ApprovalAlreadyDecidedException when it was decided before
     */
    default ApprovalExecution approve(String approvalId, Principal approver, ToolRegistry registry) {
        return approve(approvalId, approver, registry, null);
    }

    /**
     * Approves the step with a reason (kept with the approval and audited) and runs it as {@link
     * #approve(String, Principal, ToolRegistry)} does.
     *
     * @param reason optional reason, redacted and shortened to 500 characters
     * @throws ApprovalException subclasses as for {@link #approve(String, Principal, ToolRegistry)}
     */
    ApprovalExecution approve(String approvalId, Principal approver, ToolRegistry registry, String reason);

    /**
     * Rejects the step; it never runs.
     *
     * @param reason optional reason, redacted and shortened to 500 characters
     * @throws ApprovalException subclasses as for {@link #approve(String, Principal, ToolRegistry)}
     */
    Approval reject(String approvalId, Principal approver, String reason);

    /** The approval with this id, with overdue pending approvals shown as expired. */
    Optional<Approval> find(String approvalId);

    /** Pending approvals that have not expired, oldest first. */
    List<Approval> pending();

    /** Marks every overdue pending approval expired (and audits it); returns how many. */
    int expireOverdue();

    /** Builds an {@link ApprovalService}. Not thread-safe. */
    final class Builder {
        private ApprovalPolicy policy = ApprovalPolicy.none();
        private ApprovalStore store;
        private AuditSink auditSink = record -> {};
        private Clock clock = Clock.systemUTC();
        private Duration timeToLive = Duration.ofMinutes(30);
        private String approverRole = "approver";
        private Redactor redactor = Redactor.standard();

        private Builder() {}

        /** Which calls need approval; default none. */
        public Builder withPolicy(ApprovalPolicy policy) {
            this.policy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** Where approvals live; default in memory. */
        public Builder withStore(ApprovalStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /** Where decision audit records go (in a server: the run journal, with outbox rows); default discarded. */
        public Builder withAuditSink(AuditSink auditSink) {
            this.auditSink = Objects.requireNonNull(auditSink, "auditSink");
            return this;
        }

        /** Clock for timestamps and expiry; default system UTC. */
        public Builder withClock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How long an approval waits; default 30 minutes. */
        public Builder withTimeToLive(Duration timeToLive) {
            Objects.requireNonNull(timeToLive, "timeToLive");
            if (timeToLive.isNegative() || timeToLive.isZero()) {
                throw new IllegalArgumentException("timeToLive must be positive, was " + timeToLive);
            }
            this.timeToLive = timeToLive;
            return this;
        }

        /** The role approvers need; default {@code approver}. */
        public Builder withApproverRole(String role) {
            Objects.requireNonNull(role, "role");
            if (role.isBlank()) {
                throw new IllegalArgumentException("approver role must not be blank");
            }
            this.approverRole = role.trim().toLowerCase(Locale.ROOT);
            return this;
        }

        /** Redacts audited arguments and reasons; default {@link Redactor#standard()}. */
        public Builder withRedactor(Redactor redactor) {
            this.redactor = Objects.requireNonNull(redactor, "redactor");
            return this;
        }

        /** Builds the service. */
        public ApprovalService build() {
            return new com.astradesk.core.approval.internal.DefaultApprovalService(
                    policy,
                    store == null ? ApprovalStore.inMemory() : store,
                    auditSink,
                    clock,
                    timeToLive,
                    approverRole,
                    redactor);
        }
    }
}
