package com.astradesk.core.tool.internal;

import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.idempotency.IdempotencyStore;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.ApprovalGate;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRateLimit;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolRegistryBuilder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Stock {@link ToolRegistryBuilder}. Not thread-safe. */
public final class DefaultToolRegistryBuilder implements ToolRegistryBuilder {
    private final List<Tool> tools = new ArrayList<>();
    private ToolPolicy policy = ToolPolicy.roleBased();
    private ApprovalGate approvals = ApprovalGate.NONE;
    private ToolRateLimit rateLimit = ToolRateLimit.NONE;
    private LockService locks;
    private AuditSink auditSink = record -> {};
    private Clock clock = Clock.systemUTC();
    private Redactor redactor = Redactor.standard();
    private Telemetry telemetry = Telemetry.global();
    private Optional<IdempotencyStore> stepRecords = Optional.empty();
    private Duration stepRecordTtl = IdempotencyStore.DEFAULT_TTL;

    @Override
    public ToolRegistryBuilder withTool(Tool tool) {
        tools.add(Objects.requireNonNull(tool, "tool"));
        return this;
    }

    @Override
    public ToolRegistryBuilder withTools(Collection<? extends Tool> tools) {
        Objects.requireNonNull(tools, "tools").forEach(this::withTool);
        return this;
    }

    @Override
    public ToolRegistryBuilder withPolicy(ToolPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        return this;
    }

    @Override
    public ToolRegistryBuilder withApprovalGate(ApprovalGate gate) {
        this.approvals = Objects.requireNonNull(gate, "gate");
        return this;
    }

    @Override
    public ToolRegistryBuilder withRateLimit(ToolRateLimit rateLimit) {
        this.rateLimit = Objects.requireNonNull(rateLimit, "rateLimit");
        return this;
    }

    @Override
    public ToolRegistryBuilder withLocks(LockService locks) {
        this.locks = Objects.requireNonNull(locks, "locks");
        return this;
    }

    @Override
    public ToolRegistryBuilder withAuditSink(AuditSink sink) {
        this.auditSink = Objects.requireNonNull(sink, "sink");
        return this;
    }

    @Override
    public ToolRegistryBuilder withRedactor(Redactor redactor) {
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        return this;
    }

    @Override
    public ToolRegistryBuilder withTelemetry(Telemetry telemetry) {
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        return this;
    }

    @Override
    public ToolRegistryBuilder withClock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return this;
    }

    @Override
    public ToolRegistryBuilder withStepRecords(IdempotencyStore store, Duration ttl) {
        this.stepRecords = Optional.of(Objects.requireNonNull(store, "store"));
        Objects.requireNonNull(ttl, "ttl");
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("ttl must be positive, was " + ttl);
        }
        this.stepRecordTtl = ttl;
        return this;
    }

    @Override
    public ToolRegistry build() {
        var chain = new ToolChain(
                policy,
                approvals,
                rateLimit,
                locks == null ? LockService.inMemory(clock) : locks,
                new StepRecordStage(stepRecords, stepRecordTtl),
                telemetry);
        var registry = new DefaultToolRegistry(policy, chain, new CallAudit(clock, redactor), auditSink, telemetry);
        tools.forEach(registry::register);
        return registry;
    }
}
