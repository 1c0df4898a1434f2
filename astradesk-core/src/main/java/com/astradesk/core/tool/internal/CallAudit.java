package com.astradesk.core.tool.internal;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.ToolDescriptor;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chain's last stage: one audit record per call, whatever ended it. {@code action} is the tool; {@code args}
 * holds the redacted {@code arguments}, the {@code channel}, the {@code outcome} ({@link CallOutcome} wire name)
 * and, as they apply, {@code error}, {@code required_roles}, {@code approval_id} and {@code retry_after_seconds}.
 */
final class CallAudit {
    static final String NAME = "audit";
    private static final Logger LOG = LoggerFactory.getLogger(CallAudit.class);

    private final Clock clock;
    private final Redactor redactor;

    CallAudit(Clock clock, Redactor redactor) {
        this.clock = clock;
        this.redactor = redactor;
    }

    /** Builds the record of {@code verdict} and hands it to {@code sink}; a failing sink is logged, not thrown. */
    AuditRecord record(Verdict verdict, Optional<ToolDescriptor> tool, Optional<String> traceId, AuditSink sink) {
        AuditRecord record = build(verdict, tool, traceId);
        try {
            sink.accept(record);
        } catch (RuntimeException e) {
            LOG.error(
                    "audit sink rejected the record of tool '{}' in run {}",
                    verdict.call().tool(),
                    verdict.call().runId(),
                    e);
        }
        return record;
    }

    private AuditRecord build(Verdict verdict, Optional<ToolDescriptor> tool, Optional<String> traceId) {
        var call = verdict.call();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("arguments", redactor.redactMap(call.arguments()));
        details.put("channel", call.channel());
        details.put("outcome", verdict.outcome().wireName());
        verdict.error().ifPresent(e -> details.put("error", redactor.redact(e)));
        verdict.denial().ifPresent(d -> details.put("required_roles", List.copyOf(new TreeSet<>(d.requiredRoles()))));
        verdict.approval()
                .map(p -> p.approvalId())
                .or(call::approvalId)
                .ifPresent(id -> details.put("approval_id", id));
        verdict.rateLimit()
                .filter(d -> !d.allowed())
                .ifPresent(d -> details.put("retry_after_seconds", d.retryAfterSeconds()));
        return AuditRecord.builder()
                .withTs(clock.instant())
                .withActor(call.principal().subject())
                .withTenant(call.principal().tenant())
                .withAction(call.tool())
                .withDecision(decision(verdict.outcome()))
                .withTool(call.tool())
                .withSideEffect(tool.map(d -> d.sideEffect().wireName()))
                .withArgs(details)
                .withRequestId(call.requestId())
                .withTraceId(traceId)
                .withRunId(call.runId())
                .build();
    }

    static AuditDecision decision(CallOutcome outcome) {
        return switch (outcome) {
            case OK -> AuditDecision.ALLOWED;
            case DENIED_ROLE, DENIED_ARGUMENT, RATE_LIMITED -> AuditDecision.DENIED;
            case PENDING_APPROVAL -> AuditDecision.PENDING;
            case ERROR, TIMEOUT, INVALID_ARGUMENTS, UNKNOWN_TOOL, LOCKED, APPROVAL_INVALID -> AuditDecision.ERROR;
        };
    }
}
