package com.astradesk.server.http;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.RunListener;
import com.astradesk.core.coordination.WorkItem;
import com.astradesk.core.coordination.WorkLease;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.coordination.WorkState;
import com.astradesk.core.idempotency.StoredResponse;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.config.AsyncRunsConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Asynchronous runs: {@link #submit} queues a run as a work item {@code work:{agent}:{run_id}}; this replica's
 * workers (any replica's, with a shared queue) take runs under a lease they renew while the agent works, run them
 * exactly as the synchronous route does and store the response. A run whose worker died is taken again once the
 * lease expires, under the same run id and idempotency key, so its side-effecting steps receive the same step keys
 * and the registry's step records answer them without acting twice. Thread-safe; {@link #close} stops the workers.
 */
final class AsyncRuns implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AsyncRuns.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(200);
    private static final Duration FAILURE_BACKOFF = Duration.ofSeconds(2);

    private final WorkQueue queue;
    private final AsyncRunsConfig config;
    private final Map<String, Agent> agents;
    private final List<Thread> workers = new ArrayList<>();
    private final ScheduledExecutorService renewals;
    private volatile boolean running;

    AsyncRuns(WorkQueue queue, AsyncRunsConfig config, Map<String, Agent> agents) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.config = Objects.requireNonNull(config, "config");
        this.agents = Map.copyOf(agents);
        this.renewals = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "astradesk-run-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /** Starts the workers ({@link AsyncRunsConfig#workers()} threads). */
    synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        for (int i = 0; i < config.workers(); i++) {
            Thread t = new Thread(this::work, "astradesk-run-worker-" + i);
            t.setDaemon(true);
            t.start();
            workers.add(t);
        }
    }

    /**
     * Queues a run.
     *
     * @return the run id
     */
    String submit(Agent agent, AgentRequest request, Principal requester) {
        String runId =
                request.runId().orElseGet(() -> java.util.UUID.randomUUID().toString());
        // the run's own idempotency key when the caller sent none: every attempt derives the same step keys
        AgentRequest queued = request.withRunId(runId);
        if (queued.idempotencyKey().isEmpty()) {
            queued = queued.withIdempotencyKey("run:" + runId);
        }
        String payload = new AsyncRunPayload(agent.name(), queued, requester).toJson();
        if (!queue.submit(agent.name(), runId, payload, config.ttl())) {
            throw new IllegalStateException("run " + runId + " is queued already");
        }
        return runId;
    }

    /** The run with this id, while it is kept. */
    Optional<WorkItem> find(String runId) {
        return queue.find(runId);
    }

    /** The requester of a stored run. */
    static Principal requester(WorkItem item) {
        return AsyncRunPayload.parse(item.payload()).requester();
    }

    private void work() {
        while (running) {
            Optional<WorkLease> lease;
            try {
                lease = queue.take(config.lease(), config.maxAttempts());
            } catch (RuntimeException e) {
                LOG.warn("cannot take queued runs: {}", e.toString());
                sleep(FAILURE_BACKOFF);
                continue;
            }
            if (lease.isEmpty()) {
                sleep(IDLE_POLL);
                continue;
            }
            try {
                run(lease.get());
            } catch (RuntimeException e) {
                LOG.error("queued run {} could not be finished", lease.get().id(), e);
            }
        }
    }

    private void run(WorkLease lease) {
        long every = Math.max(1000, config.lease().toMillis() / 3);
        ScheduledFuture<?> renewal =
                renewals.scheduleAtFixedRate(() -> renew(lease), every, every, TimeUnit.MILLISECONDS);
        MDC.put("run_id", lease.id());
        try {
            AsyncRunPayload payload = AsyncRunPayload.parse(lease.payload());
            MDC.put("request_id", payload.request().requestId());
            if (lease.attempt() > 1) {
                LOG.info(
                        "run {} taken again (attempt {}): its previous worker's lease expired",
                        lease.id(),
                        lease.attempt());
            }
            Agent agent = agents.get(payload.agent());
            String result;
            WorkState state;
            if (agent == null) {
                state = WorkState.FAILED;
                result = outcome(
                        500,
                        problem(
                                500,
                                "unknown_agent",
                                "this server has no agent '" + payload.agent() + "'",
                                payload,
                                Map.of()));
            } else {
                try {
                    StoredResponse response = AgentRoutes.respond(
                            agent, payload.request(), payload.requester(), RunListener.NONE, id -> {}, () -> {});
                    state = WorkState.DONE;
                    result = outcome(response.status(), response.body());
                } catch (com.astradesk.core.agent.ConversationNotFoundException e) {
                    state = WorkState.DONE;
                    result = outcome(
                            404,
                            problem(
                                    404,
                                    "conversation_not_found",
                                    e.getMessage(),
                                    payload,
                                    Map.of("field", "conversation_id", "conversation_id", e.conversationId())));
                } catch (RunDeniedException | RunRateLimitedException e) {
                    state = WorkState.DONE;
                    result = refused(e, payload);
                } catch (RuntimeException e) {
                    LOG.warn("queued run {} failed: {}", lease.id(), e.toString());
                    state = WorkState.FAILED;
                    result = outcome(
                            503,
                            problem(
                                    503,
                                    "service_unavailable",
                                    "the agent could not complete the run",
                                    payload,
                                    Map.of()));
                }
            }
            renewal.cancel(false);
            if (!queue.finish(lease, state, result, config.ttl())) {
                LOG.warn(
                        "run {} finished after its lease was lost; the result of the worker holding it stands",
                        lease.id());
            }
        } finally {
            renewal.cancel(false);
            MDC.remove("run_id");
            MDC.remove("request_id");
        }
    }

    private void renew(WorkLease lease) {
        try {
            if (!queue.renew(lease, config.lease())) {
                LOG.warn("lost the lease of run {}", lease.id());
            }
        } catch (RuntimeException e) {
            LOG.warn("cannot renew the lease of run {}: {}", lease.id(), e.toString());
        }
    }

    /** The 403 / 429 problem body the synchronous route would answer. */
    private static String refused(RuntimeException e, AsyncRunPayload payload) {
        Map<String, Object> ext = new java.util.LinkedHashMap<>();
        if (e instanceof RunDeniedException denied) {
            ext.put("run_id", denied.result().runId());
            ext.put("conversation_id", denied.result().conversationId());
            ext.put("agent", denied.result().agent());
            ext.put("tool", denied.denial().tool());
            ext.put("required_roles", new java.util.TreeSet<>(denied.denial().requiredRoles()));
            return outcome(403, problem(403, "tool_denied", denied.getMessage(), payload, ext));
        }
        RunRateLimitedException limited = (RunRateLimitedException) e;
        ext.put("run_id", limited.result().runId());
        ext.put("conversation_id", limited.result().conversationId());
        ext.put("agent", limited.result().agent());
        ext.put("tool", limited.limited().tool());
        ext.put("retry_after", limited.decision().retryAfterSeconds());
        ext.put("steps", limited.steps());
        return outcome(429, problem(429, "rate_limited", limited.getMessage(), payload, ext));
    }

    private static String problem(
            int status, String code, String detail, AsyncRunPayload payload, Map<String, Object> ext) {
        return com.astradesk.server.support.internal.ServerJson.write(
                ProblemMapper.body(status, code, detail, payload.request().requestId(), ext));
    }

    /** The stored result: the status the synchronous route would answer and its body. */
    private static String outcome(int status, String body) {
        return "{\"result_status\":" + status + ",\"result\":" + body + "}";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public synchronized void close() {
        // no interrupt: a run in progress may finish within the shutdown grace; one that does not is taken
        // again by another replica once its lease expires
        running = false;
        for (Thread t : workers) {
            try {
                t.join(AstraDeskServer.SHUTDOWN_GRACE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        workers.clear();
        renewals.shutdownNow();
    }
}
