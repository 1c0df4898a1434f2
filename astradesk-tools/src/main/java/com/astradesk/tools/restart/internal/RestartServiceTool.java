package com.astradesk.tools.restart.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.restart.RestartExecutor;
import com.astradesk.tools.restart.RestartRequest;
import com.astradesk.tools.restart.RestartResult;
import com.astradesk.tools.support.internal.Texts;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code restart_service}: restarts a catalog service through the {@link RestartExecutor}. Its descriptor declares
 * the lock key {@code restart:{service}}, so the registry's lock stage keeps two restarts of one service from
 * overlapping (the second fails at once). Thread-safe.
 */
public final class RestartServiceTool implements Tool {
    /** How long one restart may run before the registry gives up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** The lock the registry holds while a restart runs. */
    public static final String LOCK_KEY = "restart:{service}";

    private final RestartExecutor executor;
    private final ToolDescriptor descriptor;

    public RestartServiceTool(RestartExecutor executor, ServiceCatalog catalog) {
        this(executor, catalog, DEFAULT_TIMEOUT);
    }

    public RestartServiceTool(RestartExecutor executor, ServiceCatalog catalog, Duration timeout) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.descriptor = ToolDescriptor.builder(BuiltinTools.RESTART_SERVICE)
                .withDescription("Restarts one service from the service catalog; only for SRE.")
                .withSideEffect(SideEffect.EXECUTE)
                .withApprovalInProduction(true)
                .withAllowedRoles(BuiltinTools.ROLE_SRE)
                .withIdempotent(false)
                .withTimeout(timeout)
                .withLockKey(LOCK_KEY)
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

    @Override
    public ToolDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public ToolResult call(ToolCall call) {
        String service = call.arguments().get("service").toString();
        RestartResult result = executor.restart(
                new RestartRequest(service, call.principal().subject(), call.runId(), call.requestId()));
        return ToolResult.of(summary(call.language(), result), data(result, call));
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
