package com.astradesk.server.http;

import com.astradesk.core.approval.Approval;
import com.astradesk.core.approval.ApprovalExecution;
import com.astradesk.core.approval.ApprovalNotFoundException;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.approval.ExecutedStep;
import com.astradesk.core.approval.NotAnApproverException;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code GET /v1/approvals} (pending approvals, oldest first: every one for an approver, the caller's own
 * otherwise), {@code GET /v1/approvals/{id}} (the requester or an approver) and {@code POST /v1/approvals/{id}} with
 * {@code {"decision":"approve"|"reject","reason":"…"}} (an approver other than the requester). An approved step
 * runs through the registry as the requester; what it did is kept with the approval (redacted) and shown as its
 * {@code result}, so the requester reads it later. Thread-safe.
 */
final class ApprovalRoutes {
    /** The role that may decide approvals. */
    static final String APPROVER_ROLE = "approver";

    private static final int MAX_REASON = 500;

    private final ApprovalService approvals;
    private final ToolRegistry registry;
    private final int maxBodyBytes;

    ApprovalRoutes(ApprovalService approvals, ToolRegistry registry, int maxBodyBytes) {
        this.approvals = Objects.requireNonNull(approvals, "approvals");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.maxBodyBytes = maxBodyBytes;
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/approvals", this::pending);
        routes.get("/v1/approvals/{id}", this::get);
        routes.post("/v1/approvals/{id}", this::decide);
    }

    private void pending(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        boolean approver = caller.hasRole(APPROVER_ROLE);
        var list = approvals.pending().stream()
                .filter(a -> approver || isRequester(a, caller))
                .map(ApprovalRoutes::wire)
                .toList();
        ctx.header("Cache-Control", "no-store");
        send(ctx, Map.of("approvals", list));
    }

    private static boolean isRequester(Approval approval, Principal caller) {
        return approval.requester().subject().equals(caller.subject())
                && approval.requester().tenant().equals(caller.tenant());
    }

    private void get(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        String id = ctx.pathParam("id");
        Approval approval = approvals.find(id).orElseThrow(() -> new ApprovalNotFoundException(safeId(id)));
        if (!isRequester(approval, caller) && !caller.hasRole(APPROVER_ROLE)) {
            throw new NotAnApproverException(
                    approval.id(),
                    APPROVER_ROLE,
                    "only the requester or an approver may read approval " + approval.id());
        }
        send(ctx, Map.of("approval", wire(approval)));
    }

    private void decide(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        String id = ctx.pathParam("id");
        ObjectNode body = JsonBodies.readObject(ctx, maxBodyBytes);
        String decision = text(body, "decision", true).orElseThrow();
        Optional<String> reason = text(body, "reason", false);
        if (reason.map(r -> r.length() > MAX_REASON).orElse(false)) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", "reason", "reason must be at most " + MAX_REASON + " characters");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        switch (decision) {
            case "approve" -> {
                ApprovalExecution done = approvals.approve(id, caller, registry, reason.orElse(null));
                out.put("approval", wire(done.approval()));
                out.put("step", step(done.outcome()));
            }
            case "reject" -> out.put("approval", wire(approvals.reject(id, caller, reason.orElse(""))));
            default ->
                throw RequestRejectedException.invalidField(
                        "invalid_field", "decision", "decision must be \"approve\" or \"reject\"");
        }
        send(ctx, out);
    }

    private static Optional<String> text(ObjectNode body, String field, boolean required) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            if (required) {
                throw RequestRejectedException.invalidField("invalid_field", field, field + " is required");
            }
            return Optional.empty();
        }
        if (!node.isTextual() || !JsonBodies.isCleanText(node.asText())) {
            throw RequestRejectedException.invalidField("invalid_field", field, field + " must be a string");
        }
        return Optional.of(node.asText());
    }

    /** The wire form of an approval (the requester's subject, never its claims). */
    static Map<String, Object> wire(Approval a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("status", a.state().wireName());
        m.put("tool", a.tool());
        m.put("args", a.arguments());
        m.put("requested_by", a.requester().subject());
        m.put("run_id", a.runId());
        m.put("created_at", a.createdAt().toString());
        m.put("expires_at", a.expiresAt().toString());
        a.decidedBy().ifPresent(v -> m.put("decided_by", v));
        a.decidedAt().ifPresent(v -> m.put("decided_at", v.toString()));
        a.reason().filter(r -> !r.isBlank()).ifPresent(v -> m.put("reason", v));
        a.executedAt().ifPresent(v -> m.put("executed_at", v.toString()));
        a.result().ifPresent(r -> m.put("result", result(r)));
        return m;
    }

    /**
     * What the approved step did, as kept (redacted): {@code status} and {@code outcome}, then {@code summary} and
     * {@code data} when it returned a result, else {@code error}.
     */
    private static Map<String, Object> result(ExecutedStep step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", step.status().wireName());
        m.put("outcome", step.outcome().wireName());
        step.summary().ifPresent(v -> m.put("summary", v));
        if (step.status() == CallStatus.OK) {
            m.put("data", step.data());
        }
        step.error().ifPresent(v -> m.put("error", v));
        return m;
    }

    private static Map<String, Object> step(ToolOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", o.tool());
        m.put("args", o.arguments());
        m.put("status", o.status().wireName());
        if (o.status() == CallStatus.OK) {
            o.result().ifPresent(r -> {
                m.put("result", r.data());
                m.put("summary", r.summary());
            });
        } else {
            m.put(
                    "error",
                    o.error()
                            .or(() -> o.denial().map(d -> d.reason()))
                            .orElse(o.status().wireName()));
            o.denial().ifPresent(d -> m.put("required_roles", new TreeSet<>(d.requiredRoles())));
        }
        return m;
    }

    private static void send(Context ctx, Map<String, Object> body) {
        ctx.contentType("application/json").result(ServerJson.write(body));
    }

    private static String safeId(String id) {
        String clean = id.replaceAll("[^A-Za-z0-9-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
