package com.astradesk.core.approval.internal;

import com.astradesk.core.approval.Approval;
import com.astradesk.core.approval.ApprovalAlreadyDecidedException;
import com.astradesk.core.approval.ApprovalExecution;
import com.astradesk.core.approval.ApprovalExpiredException;
import com.astradesk.core.approval.ApprovalNotFoundException;
import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.approval.ApprovalState;
import com.astradesk.core.approval.ApprovalStore;
import com.astradesk.core.approval.ExecutedStep;
import com.astradesk.core.approval.NotAnApproverException;
import com.astradesk.core.approval.SelfApprovalException;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stock {@link ApprovalService}. Thread-safe. */
public final class DefaultApprovalService implements ApprovalService {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultApprovalService.class);
    private static final int MAX_REASON = 500;

    private final ApprovalPolicy policy;
    private final ApprovalStore store;
    private final AuditSink auditSink;
    private final Clock clock;
    private final Duration timeToLive;
    private final String approverRole;
    private final Redactor redactor;

    public DefaultApprovalService(
            ApprovalPolicy policy,
            ApprovalStore store,
            AuditSink auditSink,
            Clock clock,
            Duration timeToLive,
            String approverRole,
            Redactor redactor) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.store = Objects.requireNonNull(store, "store");
        this.auditSink = Objects.requireNonNull(auditSink, "auditSink");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timeToLive = Objects.requireNonNull(timeToLive, "timeToLive");
        this.approverRole = Objects.requireNonNull(approverRole, "approverRole");
        this.redactor = Objects.requireNonNull(redactor, "redactor");
    }

    @Override
    public Check check(ToolCall call, ToolDescriptor tool) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(tool, "tool");
        if (call.approvalId().isPresent()) {
            return admit(call.approvalId().get(), call);
        }
        if (!policy.requiresApproval(tool, call.arguments())) {
            return Check.PROCEED;
        }
        Instant now = clock.instant();
        Approval approval = Approval.pending(UUID.randomUUID().toString(), call, now, now.plus(timeToLive));
        store.insert(approval);
        return new Check.Pending(approval.id(), approval.expiresAt());
    }

    /** The execution of an approval: only its own step, only once approved, only once. */
    private Check admit(String approvalId, ToolCall call) {
        Optional<Approval> approval = store.find(approvalId);
        if (approval.isEmpty() || !approval.get().matches(call)) {
            return new Check.Refused("approval '" + approvalId + "' does not cover this call");
        }
        if (approval.get().state() != ApprovalState.APPROVED) {
            return new Check.Refused(
                    "approval '" + approvalId + "' is " + approval.get().state().wireName() + ", not approved");
        }
        if (!store.markExecuted(approvalId, clock.instant())) {
            return new Check.Refused("approval '" + approvalId + "' was executed already");
        }
        return Check.PROCEED;
    }

    @Override
    public ApprovalExecution approve(String approvalId, Principal approver, ToolRegistry registry, String reason) {
        Objects.requireNonNull(registry, "registry");
        Optional<String> why = reason(reason);
        Approval approved = decide(approvalId, approver, ApprovalState.APPROVED, why);
        audit(
                approved,
                approver,
                "approval.approved",
                AuditDecision.ALLOWED,
                why.map(r -> Map.<String, Object>of("reason", r)).orElse(Map.of()));
        ToolOutcome outcome = registry.execute(approved.toToolCall());
        keepResult(approvalId, outcome);
        return new ApprovalExecution(store.find(approvalId).orElse(approved), outcome);
    }

    /**
     * Keeps what the step did (redacted, as the audit keeps arguments) for the requester, who reads it later. The
     * step has run by now: a store failure here is logged, not thrown, so the approver still gets the outcome.
     */
    private void keepResult(String approvalId, ToolOutcome outcome) {
        try {
            store.recordResult(approvalId, ExecutedStep.of(outcome, redactor));
        } catch (RuntimeException e) {
            LOG.error("could not keep the result of approved step {} ({})", approvalId, outcome.outcome(), e);
        }
    }

    @Override
    public Approval reject(String approvalId, Principal approver, String reason) {
        Optional<String> why = reason(reason);
        Approval rejected = decide(approvalId, approver, ApprovalState.REJECTED, why);
        audit(
                rejected,
                approver,
                "approval.rejected",
                AuditDecision.DENIED,
                why.map(r -> Map.<String, Object>of("reason", r)).orElse(Map.of()));
        return rejected;
    }

    @Override
    public Optional<Approval> find(String approvalId) {
        return store.find(approvalId).map(a -> a.isOverdue(clock.instant()) ? expire(a) : a);
    }

    @Override
    public List<Approval> pending() {
        Instant now = clock.instant();
        return store.pending().stream().filter(a -> !a.isOverdue(now)).toList();
    }

    @Override
    public int expireOverdue() {
        Instant now = clock.instant();
        int expired = 0;
        for (Approval a : store.pending()) {
            if (a.isOverdue(now) && expire(a).state() == ApprovalState.EXPIRED) {
                expired++;
            }
        }
        return expired;
    }

    /** A reason as kept and audited: stripped, at most {@code MAX_REASON} characters, redacted; blank is none. */
    private Optional<String> reason(String reason) {
        return Optional.ofNullable(reason)
                .map(String::strip)
                .filter(r -> !r.isEmpty())
                .map(r -> redactor.redact(r.length() > MAX_REASON ? r.substring(0, MAX_REASON) : r));
    }

    private Approval decide(String approvalId, Principal approver, ApprovalState target, Optional<String> why) {
        Objects.requireNonNull(approvalId, "approvalId");
        Objects.requireNonNull(approver, "approver");
        Approval current = store.find(approvalId).orElseThrow(() -> new ApprovalNotFoundException(approvalId));
        if (!approver.hasRole(approverRole)) {
            refuse(current, approver, "not_an_approver");
            throw new NotAnApproverException(
                    approvalId, approverRole, "deciding approvals requires the role '" + approverRole + "'");
        }
        if (current.requester().tenant().isPresent()
                && !current.requester().tenant().equals(approver.tenant())) {
            refuse(current, approver, "other_tenant");
            throw new NotAnApproverException(
                    approvalId, approverRole, "approval '" + approvalId + "' belongs to another tenant");
        }
        if (current.requester().subject().equals(approver.subject())) {
            refuse(current, approver, "self_approval");
            throw new SelfApprovalException(approvalId);
        }
        if (current.state() != ApprovalState.PENDING) {
            throw new ApprovalAlreadyDecidedException(approvalId, current.state());
        }
        Instant now = clock.instant();
        if (current.isOverdue(now)) {
            expire(current);
            throw new ApprovalExpiredException(approvalId);
        }
        Approval next = current.decided(target, Optional.of(approver.subject()), now, why);
        if (!store.transition(next)) {
            // lost to a concurrent decision, or the store (the database clock) holds it expired
            Approval stored = store.find(approvalId).orElseThrow(() -> new ApprovalNotFoundException(approvalId));
            if (stored.state() == ApprovalState.PENDING) {
                expire(stored);
                throw new ApprovalExpiredException(approvalId);
            }
            throw new ApprovalAlreadyDecidedException(approvalId, stored.state());
        }
        return next;
    }

    private Approval expire(Approval overdue) {
        Approval expired = overdue.decided(ApprovalState.EXPIRED, Optional.empty(), clock.instant(), Optional.empty());
        if (store.transition(expired)) {
            audit(expired, overdue.requester(), "approval.expired", AuditDecision.DENIED, Map.of());
            return expired;
        }
        return store.find(overdue.id()).orElse(expired);
    }

    private void refuse(Approval approval, Principal who, String why) {
        audit(approval, who, "approval.refused", AuditDecision.DENIED, Map.of("refusal", why));
    }

    private void audit(
            Approval approval, Principal actor, String action, AuditDecision decision, Map<String, Object> extra) {
        var args = new LinkedHashMap<String, Object>();
        args.put("approval_id", approval.id());
        args.put("requester", approval.requester().subject());
        args.put("arguments", redactor.redactMap(approval.arguments()));
        args.putAll(extra);
        var record = AuditRecord.builder()
                .withTs(clock.instant())
                .withActor(actor.subject())
                .withTenant(actor.tenant())
                .withAction(action)
                .withDecision(decision)
                .withTool(approval.tool())
                .withArgs(args)
                .withRequestId(approval.requestId())
                .withRunId(approval.runId())
                .build();
        try {
            auditSink.accept(record);
        } catch (RuntimeException e) {
            LOG.error("audit sink rejected the {} record of approval {}", action, approval.id(), e);
        }
    }
}
