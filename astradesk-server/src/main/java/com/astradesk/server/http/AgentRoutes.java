package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.ConversationNotFoundException;
import com.astradesk.core.agent.RunListener;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.idempotency.Idempotency;
import com.astradesk.core.idempotency.IdempotentResult;
import com.astradesk.core.idempotency.StoredResponse;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolDenial;
import com.astradesk.server.observability.HttpTelemetry;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.slf4j.MDC;

/**
 * {@code POST /v1/agents/run} (JSON, or server-sent events with {@code Accept: text/event-stream}: {@link
 * RunEventStream}) and {@code GET /v1/agents}. Thread-safe.
 */
final class AgentRoutes {
    /** Response header carrying the run id. */
    static final String RUN_ID_HEADER = "X-Run-Id";
    /** Optional request header: side-effecting tools receive keys derived from it. */
    static final String IDEMPOTENCY_HEADER = "Idempotency-Key";

    private final Map<String, Agent> agents;
    private final int maxBodyBytes;
    private final IdempotentRuns idempotent;
    private final StreamHeartbeats heartbeats;
    private final Optional<AsyncRuns> async;
    private final RunAdmission admission;

    AgentRoutes(List<Agent> agents, int maxBodyBytes, Idempotency idempotency, StreamHeartbeats heartbeats) {
        this(agents, maxBodyBytes, idempotency, heartbeats, Optional.empty(), RunAdmission.unlimited());
    }

    AgentRoutes(
            List<Agent> agents,
            int maxBodyBytes,
            Idempotency idempotency,
            StreamHeartbeats heartbeats,
            Optional<AsyncRuns> async,
            RunAdmission admission) {
        var byName = new TreeMap<String, Agent>();
        for (Agent a : agents) {
            if (byName.put(a.name(), a) != null) {
                throw new IllegalArgumentException("agents: duplicate agent name '" + a.name() + "'");
            }
        }
        this.agents = java.util.Collections.unmodifiableMap(byName);
        this.maxBodyBytes = maxBodyBytes;
        this.idempotent = new IdempotentRuns(idempotency);
        this.heartbeats = Objects.requireNonNull(heartbeats, "heartbeats");
        this.async = Objects.requireNonNull(async, "async");
        this.admission = Objects.requireNonNull(admission, "admission");
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/agents/run", this::run);
        routes.get("/v1/agents", this::list);
    }

    private void run(Context ctx) {
        Principal principal = AuthHandler.principal(ctx);
        Optional<String> idempotencyKey = IdempotentRuns.key(ctx);
        ObjectNode body = JsonBodies.readObject(ctx, maxBodyBytes);
        RunRequest request = RunRequest.from(body);
        Agent agent = agents.get(request.agent());
        if (agent == null) {
            throw new RequestRejectedException(
                    400,
                    "unknown_agent",
                    Optional.of("agent"),
                    "unknown agent '" + abbreviate(request.agent()) + "'; valid agents: "
                            + String.join(", ", agents.keySet()),
                    Map.of("valid_agents", List.copyOf(agents.keySet())));
        }
        AgentRequest agentRequest = new AgentRequest(
                request.input(),
                request.meta(),
                RequestIds.of(ctx),
                idempotencyKey,
                HttpTelemetry.traceId(ctx),
                request.conversationId());
        if (RunEventStream.requested(ctx)) {
            stream(ctx, agent, agentRequest, principal, body);
        } else if (async.isPresent() && AsyncRunRoutes.respondAsyncPreferred(ctx)) {
            AsyncRunRoutes.submit(ctx, async.get(), idempotent, agent, agentRequest, principal, body);
        } else if (idempotencyKey.isEmpty()) {
            IdempotentRuns.send(ctx, runAgent(ctx, agent, agentRequest, principal, RunListener.NONE), false);
        } else {
            idempotent.run(
                    ctx,
                    principal,
                    idempotencyKey.get(),
                    body,
                    () -> runAgent(ctx, agent, agentRequest, principal, RunListener.NONE));
        }
    }

    /** The run as server-sent events; failures before the first event stay ordinary problem responses. */
    private void stream(Context ctx, Agent agent, AgentRequest agentRequest, Principal principal, ObjectNode body) {
        try (RunEventStream stream = new RunEventStream(ctx, agent.name(), heartbeats)) {
            try {
                if (agentRequest.idempotencyKey().isEmpty()) {
                    stream.finish(runAgent(ctx, agent, agentRequest, principal, stream));
                } else {
                    IdempotentResult result = idempotent.execute(
                            principal,
                            agentRequest.idempotencyKey().get(),
                            body,
                            () -> runAgent(ctx, agent, agentRequest, principal, stream));
                    if (result.replayed()) {
                        stream.replay(result.response());
                    } else {
                        stream.finish(result.response());
                    }
                }
            } catch (RuntimeException e) {
                if (!stream.started()) {
                    throw e;
                }
                stream.fail(ProblemMapper.problem(e, ctx));
            }
        }
    }

    /**
     * Runs the agent once a run slot is free (503 after the queue timeout: {@link RunAdmission}): 200 with the
     * result, 202 when a step awaits approval; a denied step throws (403), a step over the caller's per-tool rate
     * limit throws (429). Either way the run was journaled first.
     */
    private StoredResponse runAgent(
            Context ctx, Agent agent, AgentRequest agentRequest, Principal principal, RunListener listener) {
        return admission.run(() -> respond(
                agent,
                agentRequest,
                principal,
                listener,
                runId -> ctx.header(RUN_ID_HEADER, runId),
                () -> HttpTelemetry.rateLimited(ctx, "tool")));
    }

    /**
     * Runs the agent and makes the synchronous route's response, outside any HTTP exchange (also for queued runs):
     * {@code onRunId} learns the run id first, {@code onRateLimited} hears of a rate-limited step before it throws.
     *
     * @throws RunDeniedException         when a step was denied (403)
     * @throws RunRateLimitedException    when a step was over the caller's per-tool limit (429)
     * @throws ServiceUnavailableException when the agent could not complete the run (503)
     */
    static StoredResponse respond(
            Agent agent,
            AgentRequest agentRequest,
            Principal principal,
            RunListener listener,
            java.util.function.Consumer<String> onRunId,
            Runnable onRateLimited) {
        AgentResult result;
        try {
            result = agent.run(agentRequest, principal, listener);
        } catch (ConversationNotFoundException e) {
            throw e;
        } catch (AstraDeskException e) {
            throw new ServiceUnavailableException("the agent could not complete the run; retry later", e);
        }
        MDC.put("run_id", result.runId());
        onRunId.accept(result.runId());
        if (result.rateLimitedStep().isPresent()) {
            onRateLimited.run();
            throw new RunRateLimitedException(
                    result,
                    result.rateLimitedStep().get(),
                    result.steps().stream().map(AgentRoutes::step).toList());
        }
        if (!result.deniedSteps().isEmpty()) {
            StepResult denied = result.deniedSteps().get(0);
            ToolDenial denial = denied.denial()
                    .orElseGet(
                            () -> new ToolDenial(denied.tool(), Set.of(), "tool '" + denied.tool() + "' was denied"));
            throw new RunDeniedException(result, denial);
        }
        Optional<String> approvalId = approvalId(result);
        // written straight to JSON: the same text as ServerJson.write(toWire(...)) plus the approval members
        return new StoredResponse(
                approvalId.isPresent() ? 202 : 200, RunResponses.write(result, agentRequest, approvalId));
    }

    /** The approval id of the first step that has one. */
    static Optional<String> approvalId(AgentResult result) {
        for (StepResult step : result.steps()) {
            Optional<String> id = step.approvalId();
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    private void list(Context ctx) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Agent a : agents.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", a.name());
            m.put("description", a.description());
            m.put("tools", a.tools());
            out.add(m);
        }
        ctx.contentType("application/json").result(ServerJson.write(Map.of("agents", out)));
    }

    /** The wire form of a result: DESIGN.md "HTTP contract". */
    static Map<String, Object> toWire(AgentResult result, AgentRequest request) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("run_id", result.runId());
        body.put("conversation_id", result.conversationId());
        body.put("agent", result.agent());
        body.put("output", result.output());
        body.put("reasoning_trace_id", request.traceId().orElse(result.runId()));
        body.put("used_tools", result.usedTools());
        body.put("steps", result.steps().stream().map(AgentRoutes::step).toList());
        body.put(
                "citations",
                result.citations().stream()
                        .map(c -> {
                            Map<String, Object> m = new LinkedHashMap<>();
                            m.put("source", c.source());
                            m.put("chunk", c.chunk());
                            m.put("score", c.score());
                            m.put("text", c.text());
                            return m;
                        })
                        .toList());
        if (!result.steps().isEmpty()) {
            // only a tool run has it, so a knowledge answer's body is as it was
            body.put("cited_steps", result.citedSteps());
        }
        body.put("degraded", result.degraded());
        if (result.degraded()) {
            body.put("degraded_reason", result.degradedReason().orElse("fallback used"));
        }
        return body;
    }

    /** The wire form of a step: DESIGN.md "HTTP contract". */
    static Map<String, Object> step(StepResult s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("tool", s.tool());
        m.put("args", s.args());
        m.put("status", s.status().wireName());
        if (s.status() == CallStatus.OK) {
            m.put("result", s.result().orElse(Map.of()));
            s.summary().ifPresent(v -> m.put("summary", v));
        } else if (s.status() == CallStatus.PENDING_APPROVAL) {
            s.approvalId().ifPresent(id -> m.put("approval_id", id));
            s.summary().ifPresent(v -> m.put("summary", v));
        } else {
            m.put(
                    "error",
                    s.error()
                            .or(() -> s.denial().map(d -> d.reason()))
                            .orElse(s.status().wireName()));
            s.denial().ifPresent(d -> m.put("required_roles", new TreeSet<>(d.requiredRoles())));
            s.rateLimit().filter(d -> !d.allowed()).ifPresent(d -> m.put("retry_after", d.retryAfterSeconds()));
        }
        return m;
    }

    private static String abbreviate(String s) {
        String clean = s.replaceAll("[^A-Za-z0-9._-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
