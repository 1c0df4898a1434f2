package com.astradesk.core.tool;

import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.Collection;

/**
 * Builds a {@link ToolRegistry}. The chain's order is fixed; the builder supplies its pluggable stages (policy,
 * approval gate, per-tool rate limit, locks) and where audit records go. Not thread-safe; the registry it builds
 * is.
 */
public interface ToolRegistryBuilder {

    /** Adds a tool (same checks as {@link ToolRegistry#register(Tool)}). */
    ToolRegistryBuilder withTool(Tool tool);

    /**
     * Adds each tool in order (same checks as {@link #withTool(Tool)}); for the tools of every provider on the class
     * path pass {@code ToolProviders.discoveredTools(context)} from {@code com.astradesk.core.spi}.
     *
     * @throws NullPointerException when the collection or one of its tools is null
     */
    ToolRegistryBuilder withTools(Collection<? extends Tool> tools);

    /** The policy stage's policy; default: role-based on {@code allowed_roles}. */
    ToolRegistryBuilder withPolicy(ToolPolicy policy);

    /** The approval stage; default {@link ApprovalGate#NONE} (nothing waits for approval). */
    ToolRegistryBuilder withApprovalGate(ApprovalGate gate);

    /** The per-tool rate-limit stage; default {@link ToolRateLimit#NONE}. */
    ToolRegistryBuilder withRateLimit(ToolRateLimit rateLimit);

    /** Where the lock stage takes tools' locks; default a lock service in this process's memory. */
    ToolRegistryBuilder withLocks(LockService locks);

    /** Where audit records go for {@link ToolRegistry#execute(ToolCall)}; default: discarded. */
    ToolRegistryBuilder withAuditSink(AuditSink sink);

    /**
     * Redacts the arguments and error text written to audit records (secrets, personal data); default
     * {@link Redactor#standard()}. The outcome returned to the caller keeps the arguments as called.
     */
    ToolRegistryBuilder withRedactor(Redactor redactor);

    /**
     * Receives a {@code tool.call} observation per call (its outcome is the call's status); its trace id lands
     * in the call's audit record. Default {@link Telemetry#global()}.
     */
    ToolRegistryBuilder withTelemetry(Telemetry telemetry);

    /** Clock for audit timestamps; default system UTC. */
    ToolRegistryBuilder withClock(Clock clock);

    /**
     * The step-record stage: a {@code write} or {@code execute} call with an idempotency key (an agent derives one
     * per step from the run's key) runs at most once per key; a repeat gets the first successful result without the
     * tool acting again (records kept for {@code ttl}), a repeat while the first runs is refused as {@code locked}.
     * Default none (no records: the tool itself must honour the key).
     */
    ToolRegistryBuilder withStepRecords(com.astradesk.core.idempotency.IdempotencyStore store, java.time.Duration ttl);

    ToolRegistry build();
}
