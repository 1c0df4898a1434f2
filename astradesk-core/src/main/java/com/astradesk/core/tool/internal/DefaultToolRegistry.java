package com.astradesk.core.tool.internal;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.json.JsonSchemas;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRegistrationException;
import com.astradesk.core.tool.ToolRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** The stock registry: the registered tools and the one {@link ToolChain} every call passes. Thread-safe. */
final class DefaultToolRegistry implements ToolRegistry {
    private final ConcurrentSkipListMap<String, RegisteredTool> tools = new ConcurrentSkipListMap<>();
    private final ToolPolicy policy;
    private final ToolChain chain;
    private final CallAudit audit;
    private final AuditSink defaultSink;
    private final Telemetry telemetry;

    DefaultToolRegistry(ToolPolicy policy, ToolChain chain, CallAudit audit, AuditSink defaultSink, Telemetry t) {
        this.policy = policy;
        this.chain = chain;
        this.audit = audit;
        this.defaultSink = defaultSink;
        this.telemetry = t;
    }

    @Override
    public void register(Tool tool) {
        Objects.requireNonNull(tool, "tool");
        ToolDescriptor d = tool.descriptor();
        if (d == null) {
            throw new ToolRegistrationException(tool.getClass().getName(), "descriptor() returned null");
        }
        if (d.sideEffect().isSideEffecting() && d.allowedRoles().isEmpty()) {
            throw new ToolRegistrationException(
                    d.name(), d.sideEffect().wireName() + " tools must declare allowed_roles");
        }
        JsonSchemas.Compiled schema;
        try {
            schema = JsonSchemas.compile(d.argumentsSchema());
        } catch (IllegalArgumentException e) {
            throw new ToolRegistrationException(d.name(), e.getMessage());
        }
        if (tools.putIfAbsent(d.name(), new RegisteredTool(tool, d, schema)) != null) {
            throw new ToolRegistrationException(d.name(), "a tool with this name is already registered");
        }
    }

    @Override
    public boolean unregister(String name) {
        return tools.remove(Objects.requireNonNull(name, "name")) != null;
    }

    @Override
    public Optional<ToolDescriptor> find(String name) {
        return Optional.ofNullable(tools.get(name)).map(RegisteredTool::descriptor);
    }

    @Override
    public List<ToolDescriptor> descriptors() {
        return tools.values().stream().map(RegisteredTool::descriptor).toList();
    }

    @Override
    public List<ToolDescriptor> availableTo(Principal principal) {
        Objects.requireNonNull(principal, "principal");
        List<ToolDescriptor> out = new ArrayList<>();
        for (RegisteredTool t : tools.values()) {
            if (policy.decideAccess(principal, t.descriptor()).allowed()) {
                out.add(t.descriptor());
            }
        }
        return Collections.unmodifiableList(out);
    }

    @Override
    public List<String> stages() {
        return chain.stageNames();
    }

    @Override
    public ToolOutcome execute(ToolCall call) {
        return execute(call, defaultSink);
    }

    @Override
    public ToolOutcome execute(ToolCall call, AuditSink auditSink) {
        Objects.requireNonNull(call, "call");
        Objects.requireNonNull(auditSink, "auditSink");
        long start = System.nanoTime();
        try (Observation observation = telemetry.start(
                TelemetryNames.TOOL_CALL,
                Map.of(TelemetryNames.TOOL, call.tool(), TelemetryNames.RUN_ID, call.runId()))) {
            RegisteredTool registered = tools.get(call.tool());
            Verdict verdict = registered == null
                    ? Verdict.failed(call, CallOutcome.UNKNOWN_TOOL, "unknown tool '" + call.tool() + "'")
                    : chain.run(new Invocation(call, registered));
            Optional<ToolDescriptor> descriptor =
                    Optional.ofNullable(registered).map(RegisteredTool::descriptor);
            AuditRecord record = audit.record(verdict, descriptor, observation.traceId(), auditSink);
            observation.outcome(verdict.outcome().status().wireName());
            return new ToolOutcome(
                    verdict.call().tool(),
                    verdict.call().arguments(),
                    verdict.outcome(),
                    verdict.result(),
                    verdict.error(),
                    verdict.denial(),
                    verdict.rateLimit(),
                    verdict.approval(),
                    record,
                    Duration.ofNanos(System.nanoTime() - start));
        }
    }
}
