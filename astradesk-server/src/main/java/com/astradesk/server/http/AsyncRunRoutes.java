package com.astradesk.server.http;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.coordination.WorkItem;
import com.astradesk.core.coordination.WorkState;
import com.astradesk.core.idempotency.IdempotentResult;
import com.astradesk.core.idempotency.StoredResponse;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Asynchronous runs over HTTP: {@code POST /v1/agents/run} with {@code Prefer: respond-async} answers {@code 202}
 * with {@code Location: /v1/runs/{run_id}} and {@code Preference-Applied: respond-async} (with an {@code
 * Idempotency-Key}, a repeat replays that answer and queues nothing); {@code GET /v1/runs/{run_id}} shows the run to
 * its requester or an {@code auditor} ({@code 404} for anyone else, as for an unknown id). Thread-safe.
 */
final class AsyncRunRoutes {
    /** The role that may read every run. */
    static final String AUDITOR_ROLE = "auditor";

    private final AsyncRuns runs;

    AsyncRunRoutes(AsyncRuns runs) {
        this.runs = Objects.requireNonNull(runs, "runs");
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/runs/{run_id}", this::get);
    }

    /** Whether the request's {@code Prefer} header asks for {@code respond-async}. */
    static boolean respondAsyncPreferred(Context ctx) {
        for (String header : java.util.Collections.list(ctx.req().getHeaders("Prefer"))) {
            for (String token : header.split("[,;]")) {
                if (token.trim().toLowerCase(Locale.ROOT).equals("respond-async")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Queues the run (at most once per idempotency key) and answers 202. */
    static void submit(
            Context ctx,
            AsyncRuns runs,
            IdempotentRuns idempotent,
            Agent agent,
            AgentRequest request,
            Principal principal,
            ObjectNode body) {
        Supplier<StoredResponse> queue = () -> {
            String runId = runs.submit(agent, request, principal);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("run_id", runId);
            out.put("agent", agent.name());
            out.put("status", WorkState.QUEUED.wireName());
            out.put("status_url", location(runId));
            return new StoredResponse(202, ServerJson.write(out));
        };
        StoredResponse response;
        boolean replayed = false;
        if (request.idempotencyKey().isEmpty()) {
            response = queue.get();
        } else {
            // bound to the body and the preference: the same key on a synchronous call is another request
            ObjectNode bound = ServerJson.mapper().createObjectNode();
            bound.put("prefer", "respond-async");
            bound.set("body", body);
            IdempotentResult result =
                    idempotent.execute(principal, request.idempotencyKey().get(), bound, queue);
            response = result.response();
            replayed = result.replayed();
        }
        IdempotentRuns.runId(response.body()).ifPresent(id -> {
            ctx.header("Location", location(id));
            ctx.header(AgentRoutes.RUN_ID_HEADER, id);
        });
        ctx.header("Preference-Applied", "respond-async");
        IdempotentRuns.send(ctx, response, replayed);
    }

    private void get(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        String runId = ctx.pathParam("run_id");
        Optional<WorkItem> item = runs.find(runId).filter(i -> mayRead(caller, i));
        if (item.isEmpty()) {
            throw new RequestRejectedException(
                    404, "run_not_found", Optional.empty(), "no run '" + safeId(runId) + "' for this caller", Map.of());
        }
        ctx.contentType("application/json").result(ServerJson.write(wire(item.get())));
    }

    private static boolean mayRead(Principal caller, WorkItem item) {
        if (caller.hasRole(AUDITOR_ROLE)) {
            return true;
        }
        Principal requester = AsyncRuns.requester(item);
        return requester.subject().equals(caller.subject())
                && requester.tenant().equals(caller.tenant());
    }

    /** {@code run_id, agent, status, attempts}, then {@code result_status} and {@code result} or {@code error}. */
    static Map<String, Object> wire(WorkItem item) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", item.id());
        m.put("agent", item.agent());
        m.put("status", item.state().wireName());
        m.put("attempts", item.attempts());
        if (item.state() == WorkState.DONE || item.state() == WorkState.FAILED) {
            Optional<JsonNode> stored = item.result().map(AsyncRunRoutes::parse);
            if (item.state() == WorkState.DONE && stored.isPresent()) {
                m.put("result_status", stored.get().path("result_status").asInt());
                m.put("result", stored.get().path("result"));
            } else {
                m.put(
                        "error",
                        stored.map(s -> (Object) s.path("result"))
                                .orElseGet(() -> ProblemMapper.body(
                                        503,
                                        "run_abandoned",
                                        "the run's worker stopped " + item.attempts()
                                                + " time(s) before finishing it; it was not retried again",
                                        "",
                                        Map.of())));
            }
        }
        return m;
    }

    private static JsonNode parse(String json) {
        try {
            return ServerJson.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored run result is not JSON", e);
        }
    }

    static String location(String runId) {
        return "/v1/runs/" + runId;
    }

    private static String safeId(String id) {
        String clean = id.replaceAll("[^A-Za-z0-9-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
