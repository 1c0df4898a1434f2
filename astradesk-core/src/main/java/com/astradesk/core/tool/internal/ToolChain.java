package com.astradesk.core.tool.internal;

import com.astradesk.core.coordination.LockService;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.ApprovalGate;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRateLimit;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The registry's chain, in its one fixed order: policy (roles, then argument rules) → approval gate → per-tool
 * rate limit → argument defaults + schema validation → lock → step record (side effects once per idempotency key)
 * → timeout → tool; the {@link CallAudit audit} stage
 * then records whatever ended the call. Immutable and thread-safe.
 */
final class ToolChain {
    private final List<ToolStage> stages;

    ToolChain(ToolPolicy policy, ApprovalGate approvals, ToolRateLimit rateLimits, LockService locks, Telemetry t) {
        this(policy, approvals, rateLimits, locks, new StepRecordStage(Optional.empty(), Duration.ofHours(24)), t);
    }

    ToolChain(
            ToolPolicy policy,
            ApprovalGate approvals,
            ToolRateLimit rateLimits,
            LockService locks,
            StepRecordStage stepRecords,
            Telemetry t) {
        this.stages = List.of(
                new PolicyStage(policy),
                new ApprovalStage(approvals),
                new RateLimitStage(rateLimits),
                new ValidationStage(),
                new LockStage(locks),
                stepRecords,
                new TimeoutStage(t),
                new InvokeStage());
    }

    /** Runs a call through every stage until one ends it. */
    Verdict run(Invocation invocation) {
        return step(0, invocation);
    }

    private Verdict step(int index, Invocation invocation) {
        return stages.get(index).apply(invocation, next -> step(index + 1, next));
    }

    /** The stages' names in order, ending with {@code audit}. */
    List<String> stageNames() {
        return Stream.concat(stages.stream().map(ToolStage::name), Stream.of(CallAudit.NAME))
                .toList();
    }
}
