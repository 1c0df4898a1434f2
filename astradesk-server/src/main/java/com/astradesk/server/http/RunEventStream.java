package com.astradesk.server.http;

import com.astradesk.core.agent.RunListener;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.idempotency.StoredResponse;
import com.astradesk.core.plan.Plan;
import com.astradesk.server.support.internal.EventStreamWriter;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent run sent as server-sent events ({@code Accept: text/event-stream}): {@code run.started},
 * {@code plan}, one {@code step} per completed step, {@code answer.delta}, then {@code run.completed} (the JSON
 * body a non-streamed run returns) or {@code error} (a problem+json body), with heartbeat comments in between.
 *
 * <p>The 200 and its headers go out with the first event, so anything refused before the run starts (auth, rate
 * limit, a bad body, an idempotency conflict) is still an ordinary problem response. A client that goes away
 * only stops the writing: the run goes on, completes and is journaled. Used by the request's thread and the
 * heartbeat thread; writes are serialized.
 */
final class RunEventStream implements RunListener, AutoCloseable {
    /** The media type that asks for a stream. */
    static final String EVENT_STREAM = EventStreamWriter.EVENT_STREAM;

    private static final Logger LOG = LoggerFactory.getLogger(RunEventStream.class);

    private final Context ctx;
    private final String agent;
    private final ScheduledFuture<?> heartbeat;
    private final EventStreamWriter writer;

    RunEventStream(Context ctx, String agent, StreamHeartbeats heartbeats) {
        this.ctx = Objects.requireNonNull(ctx, "ctx");
        this.agent = Objects.requireNonNull(agent, "agent");
        this.writer = new EventStreamWriter(ctx.res(), LOG, "event stream client went away; the run goes on ({})");
        this.heartbeat = heartbeats.every(this::heartbeat);
    }

    /** Whether the request asks for an event stream ({@code Accept} names {@code text/event-stream}). */
    static boolean requested(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.toLowerCase(Locale.ROOT).contains(EVENT_STREAM);
    }

    /** Whether the response has started (its status is sent; failures must now be {@code error} events). */
    synchronized boolean started() {
        return writer.started();
    }

    @Override
    public void onRunStarted(String runId) {
        onRunStarted(runId, runId);
    }

    @Override
    public void onRunStarted(String runId, String conversationId) {
        ctx.header(AgentRoutes.RUN_ID_HEADER, runId);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", runId);
        data.put("conversation_id", conversationId);
        data.put("agent", agent);
        data.put("request_id", RequestIds.of(ctx));
        send("run.started", ServerJson.write(data));
    }

    @Override
    public void onPlan(Plan plan) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put(
                "steps",
                plan.steps().stream()
                        .map(s -> Map.of("tool", s.tool(), "args", s.arguments()))
                        .toList());
        plan.clarification().ifPresent(c -> data.put("clarification", c));
        data.put("degraded", plan.degraded());
        plan.degradedReason().ifPresent(r -> data.put("degraded_reason", r));
        send("plan", ServerJson.write(data));
    }

    @Override
    public void onStep(int index, StepResult step) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("index", index);
        data.putAll(AgentRoutes.step(step));
        send("step", ServerJson.write(data));
    }

    @Override
    public void onAnswerDelta(String delta) {
        send("answer.delta", ServerJson.write(Map.of("text", delta)));
    }

    /** Ends the stream with the run's response: {@code run.completed}, or {@code error} for a problem status. */
    void finish(StoredResponse response) {
        send(response.status() >= 400 ? "error" : "run.completed", response.body());
    }

    /** Streams a stored response for an idempotent replay: {@code run.started} (marked replayed), then the end. */
    void replay(StoredResponse response) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("run_id", IdempotentRuns.runId(response.body()).orElse(null));
        data.put(
                "conversation_id",
                IdempotentRuns.member(response.body(), "conversation_id").orElse(null));
        data.put("agent", agent);
        data.put("request_id", RequestIds.of(ctx));
        data.put("replayed", true);
        ctx.header(IdempotentRuns.REPLAYED_HEADER, "true");
        if (data.get("run_id") != null) {
            ctx.header(AgentRoutes.RUN_ID_HEADER, data.get("run_id").toString());
        }
        send("run.started", ServerJson.write(data));
        finish(response);
    }

    /** Ends a started stream with an {@code error} event carrying {@code problem}. */
    void fail(Map<String, Object> problem) {
        send("error", ServerJson.write(problem));
    }

    @Override
    public void close() {
        heartbeat.cancel(false);
    }

    private synchronized void heartbeat() {
        if (writer.started() && !writer.gone()) {
            writer.write(": heartbeat\n\n");
        }
    }

    private synchronized void send(String event, String json) {
        StringBuilder frame = new StringBuilder(json.length() + event.length() + 16);
        frame.append("event: ").append(event).append('\n');
        for (String line : json.split("\n", -1)) {
            frame.append("data: ").append(line).append('\n');
        }
        writer.write(frame.append('\n').toString());
    }
}
