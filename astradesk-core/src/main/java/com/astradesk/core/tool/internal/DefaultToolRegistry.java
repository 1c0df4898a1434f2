package com.astradesk.core.tool.internal;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.internal.JsonSchemas;
import com.astradesk.core.policy.PolicyDecision;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.policy.ToolPolicy;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDenial;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistrationException;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The stock registry and its invoker — the one choke point for tool calls:
 * policy → argument validation → timeout → tool → audit record. Thread-safe.
 */
final class DefaultToolRegistry implements ToolRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultToolRegistry.class);

    /** Runs tool bodies so a tool that ignores interruption cannot hold the caller past its timeout. */
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "astradesk-tool");
        t.setDaemon(true);
        return t;
    });

    private final ConcurrentSkipListMap<String, RegisteredTool> tools = new ConcurrentSkipListMap<>();
    private final ToolPolicy policy;
    private final AuditSink defaultSink;
    private final Clock clock;
    private final Redactor redactor;

    DefaultToolRegistry(ToolPolicy policy, AuditSink defaultSink, Clock clock, Redactor redactor) {
        this.policy = policy;
        this.defaultSink = defaultSink;
        this.clock = clock;
        this.redactor = redactor;
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
    public Optional<ToolDescriptor> find(String name) {
        return Optional.ofNullable(tools.get(name)).map(RegisteredTool::descriptor);
    }

    @Override
    public List<ToolDescriptor> descriptors() {
        return tools.values().stream().map(RegisteredTool::descriptor).toList();
    }

    @Override
    public List<ToolDescriptor> availableTo(Principal principal) {
        return tools.values().stream()
                .map(RegisteredTool::descriptor)
                .filter(d -> d.permits(principal))
                .toList();
    }

    @Override
    public Optional<ToolDenial> check(Principal principal, String tool, Map<String, Object> arguments) {
        Objects.requireNonNull(principal, "principal");
        RegisteredTool registered = tools.get(Objects.requireNonNull(tool, "tool"));
        if (registered == null) {
            return Optional.empty();
        }
        ToolDescriptor d = registered.descriptor();
        PolicyDecision decision = policy.decide(principal, d, arguments == null ? Map.of() : arguments);
        return decision.allowed()
                ? Optional.empty()
                : Optional.of(new ToolDenial(
                        d.name(), decision.requiredRoles(), decision.reason().orElse("denied by policy")));
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
        RegisteredTool registered = tools.get(call.tool());
        if (registered == null) {
            return finish(
                    call, null, CallStatus.ERROR, null, "unknown tool '" + call.tool() + "'", null, start, auditSink);
        }
        ToolDescriptor d = registered.descriptor();
        PolicyDecision decision = policy.decide(call.principal(), d, call.arguments());
        if (!decision.allowed()) {
            var denial = new ToolDenial(
                    d.name(), decision.requiredRoles(), decision.reason().orElse("denied by policy"));
            return finish(call, d, CallStatus.DENIED, null, denial.reason(), denial, start, auditSink);
        }
        Map<String, Object> args = ArgumentDefaults.apply(d.argumentsSchema(), call.arguments());
        List<String> problems = registered.schema().validate(args);
        if (!problems.isEmpty()) {
            String message = "invalid arguments for '" + d.name() + "': " + String.join("; ", problems);
            return finish(call.withArguments(args), d, CallStatus.ERROR, null, message, null, start, auditSink);
        }
        ToolCall validated = call.withArguments(args);
        Throwable failure;
        // a plain Future, not a Failsafe Timeout: the caller must get its answer at the deadline even when
        // the tool ignores interruption (Failsafe's async timeout waits for the task to notice)
        Future<ToolResult> running = EXECUTOR.submit(() -> registered.tool().call(validated));
        try {
            ToolResult result = running.get(d.timeout().toNanos(), TimeUnit.NANOSECONDS);
            if (result == null) {
                throw new IllegalStateException("tool returned null");
            }
            return finish(validated, d, CallStatus.OK, result, null, null, start, auditSink);
        } catch (TimeoutException e) {
            running.cancel(true);
            return finish(
                    validated,
                    d,
                    CallStatus.ERROR,
                    null,
                    "tool '" + d.name() + "' timed out after " + d.timeout().toMillis() + " ms",
                    null,
                    start,
                    auditSink);
        } catch (ExecutionException e) {
            failure = e.getCause() == null ? e : e.getCause();
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return finish(
                    validated,
                    d,
                    CallStatus.ERROR,
                    null,
                    "tool '" + d.name() + "' was interrupted",
                    null,
                    start,
                    auditSink);
        } catch (RuntimeException e) {
            failure = e;
        }
        if (failure instanceof ToolFailureException tfe) {
            return finish(validated, d, CallStatus.ERROR, null, tfe.getMessage(), null, start, auditSink);
        }
        LOG.warn("tool '{}' failed in run {}", d.name(), call.runId(), failure);
        return finish(validated, d, CallStatus.ERROR, null, "tool '" + d.name() + "' failed", null, start, auditSink);
    }

    private ToolOutcome finish(
            ToolCall call,
            ToolDescriptor d,
            CallStatus status,
            ToolResult result,
            String error,
            ToolDenial denial,
            long startNanos,
            AuditSink sink) {
        AuditRecord audit = audit(call, d, status, error, denial);
        try {
            sink.accept(audit);
        } catch (RuntimeException e) {
            LOG.error("audit sink rejected the record of tool '{}' in run {}", call.tool(), call.runId(), e);
        }
        return new ToolOutcome(
                call.tool(),
                call.arguments(),
                status,
                Optional.ofNullable(result),
                Optional.ofNullable(error),
                Optional.ofNullable(denial),
                audit,
                Duration.ofNanos(System.nanoTime() - startNanos));
    }

    /**
     * The call's audit record. {@code args} holds the call's arguments; a failed or refused call adds
     * {@code error} and, when denied, {@code required_roles}, so the reason survives in the trail.
     */
    private AuditRecord audit(ToolCall call, ToolDescriptor d, CallStatus status, String error, ToolDenial denial) {
        AuditDecision decision = switch (status) {
            case OK -> AuditDecision.ALLOWED;
            case DENIED -> AuditDecision.DENIED;
            case ERROR, PENDING_APPROVAL -> AuditDecision.ERROR;
        };
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("arguments", redactor.redactMap(call.arguments()));
        if (error != null) {
            details.put("error", redactor.redact(error));
        }
        if (denial != null) {
            details.put("required_roles", List.copyOf(new TreeSet<>(denial.requiredRoles())));
        }
        return new AuditRecord(
                UUID.randomUUID().toString(),
                clock.instant(),
                call.principal().subject(),
                call.principal().tenant(),
                call.tool(),
                decision,
                Optional.of(call.tool()),
                Optional.ofNullable(d).map(x -> x.sideEffect().wireName()),
                details,
                Optional.of(call.requestId()),
                Optional.empty(),
                Optional.of(call.runId()),
                Optional.empty(),
                Optional.empty());
    }
}
