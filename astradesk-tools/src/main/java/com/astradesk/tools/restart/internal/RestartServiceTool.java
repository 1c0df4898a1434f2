package com.astradesk.tools.restart.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.coordination.LockHandle;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.internal.Texts;
import com.astradesk.tools.restart.RestartExecutor;
import com.astradesk.tools.restart.RestartRequest;
import com.astradesk.tools.restart.RestartResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code restart_service}: restarts a catalog service through the {@link RestartExecutor} while holding the
 * lock {@code restart:{service}}, so two restarts of one service never overlap; the second fails at once with
 * "restart of X already in progress". The lock's TTL exceeds the tool's timeout, so it outlives any call the
 * registry lets run, yet frees itself if a holder dies. Thread-safe.
 */
public final class RestartServiceTool implements Tool {
    /** How long one restart may run before the registry gives up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How long the restart lock lives if never released. */
    public static final Duration DEFAULT_LOCK_TTL = Duration.ofMinutes(2);

    private final RestartExecutor executor;
    private final LockService locks;
    private final Duration lockTtl;
    private final ToolDescriptor descriptor;

    public RestartServiceTool(RestartExecutor executor, ServiceCatalog catalog, LockService locks) {
        this(executor, catalog, locks, DEFAULT_TIMEOUT, DEFAULT_LOCK_TTL);
    }

    public RestartServiceTool(
            RestartExecutor executor, ServiceCatalog catalog, LockService locks, Duration timeout, Duration lockTtl) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.locks = Objects.requireNonNull(locks, "locks");
        this.lockTtl = Objects.requireNonNull(lockTtl, "lockTtl");
        if (lockTtl.compareTo(timeout) <= 0) {
            throw new IllegalArgumentException("lockTtl must exceed the timeout, was " + lockTtl + " <= " + timeout);
        }
        this.descriptor = ToolDescriptor.builder(BuiltinTools.RESTART_SERVICE)
                .withDescription("Restarts one service from the service catalog; only for SRE.")
                .withSideEffect(SideEffect.EXECUTE)
                .withAllowedRoles(BuiltinTools.ROLE_SRE)
                .withIdempotent(false)
                .withTimeout(timeout)
                .withArgumentsSchema(Map.of(
                        "type",
                        "object",
                        "additionalProperties",
                        false,
                        "required",
                        List.of("service"),
                        "properties",
                        Map.of(
                                "service",
                                Map.of(
                                        "type",
                                        "string",
                                        "enum",
                                        catalog.names(),
                                        "description",
                                        "canonical service name from the catalog"),
                                "env",
                                Map.of(
                                        "type",
                                        "string",
                                        "enum",
                                        List.of("dev", "staging", "prod"),
                                        "description",
                                        "optional target environment; argument policy rules may restrict prod"))))
                .build();
    }

    /** The lock resource guarding restarts of a service. */
    public static String lockResource(String service) {
        return "restart:" + service;
    }

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String service = call.arguments().get("service").toString();
        Optional<LockHandle> lock = locks.tryAcquire(lockResource(service), lockTtl);
        if (lock.isEmpty()) {
            throw new ToolFailureException(
                    BuiltinTools.RESTART_SERVICE,
                    Texts.pick(
                            call.language(),
                            "restart of " + service + " already in progress; try again later",
                            "restart usługi " + service + " już trwa; spróbuj ponownie później"));
        }
        try (LockHandle held = lock.get()) {
            RestartResult result = executor.restart(
                    new RestartRequest(service, call.principal().subject(), call.runId(), call.requestId()));
            return ToolResult.of(summary(call.language(), result), data(result, call));
        }
    }

    private static String summary(Language l, RestartResult r) {
        if (r.simulated()) {
            return Texts.pick(
                    l,
                    "Restart of " + r.service() + " simulated (no orchestrator configured); nothing was actually"
                            + " restarted.",
                    "Restart usługi " + r.service() + " zasymulowany (nie skonfigurowano orkiestratora); nic nie"
                            + " zostało faktycznie zrestartowane.");
        }
        String replicas = r.details().containsKey("desired_replicas")
                ? "; " + r.details().get("ready_replicas") + "/" + r.details().get("desired_replicas")
                        + Texts.pick(l, " replicas ready", " replik gotowych")
                : "";
        String where = r.details().containsKey("deployment")
                ? ": deployment " + r.details().get("deployment") + " in "
                        + r.details().get("namespace")
                : "";
        if (r.status() == RestartResult.Status.TRIGGERED) {
            return Texts.pick(
                    l,
                    "Restart of " + r.service() + " triggered (" + r.executor() + where + "); it is still rolling out"
                            + replicas + ".",
                    "Zlecono restart usługi " + r.service() + " (" + r.executor() + where + "); wdrażanie trwa"
                            + replicas + ".");
        }
        return Texts.pick(
                l,
                "Restarted " + r.service() + " (" + r.executor() + where + replicas + ").",
                "Zrestartowano usługę " + r.service() + " (" + r.executor() + where + replicas + ").");
    }

    private static Map<String, Object> data(RestartResult r, ToolCall call) {
        var data = new LinkedHashMap<String, Object>();
        data.put("service", r.service());
        data.put("executor", r.executor());
        data.put("simulated", r.simulated());
        data.put("status", Texts.lower(r.status().name()));
        data.put("at", r.at().toString());
        data.put("requested_by", call.principal().subject());
        r.details().forEach(data::putIfAbsent);
        return data;
    }
}
