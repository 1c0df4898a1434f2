package com.astradesk.server.observability;

import com.astradesk.core.telemetry.CircuitState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Every AstraDesk meter, under the names {@code deploy/grafana} and {@code deploy/prometheus} query. Meters that
 * other components feed (rate limiter, outbox relay, Auditor) exist at 0 from the start, so dashboards and alerts
 * work before the first event. JVM memory, thread, CPU and uptime meters ({@code jvm_*}, {@code process_*},
 * {@code system_*}) are registered too. Thread-safe.
 *
 * <table>
 *   <caption>Prometheus names</caption>
 *   <tr><td>{@code astradesk_http_server_requests_seconds}</td><td>histogram {route, method, status}</td></tr>
 *   <tr><td>{@code astradesk_tool_calls_total}, {@code astradesk_tool_call_seconds}</td><td>{tool, outcome}, {tool}</td></tr>
 *   <tr><td>{@code astradesk_model_calls_total}, {@code astradesk_model_call_seconds}</td><td>{provider, outcome}, {provider}</td></tr>
 *   <tr><td>{@code astradesk_model_tokens_total}</td><td>{provider, type=input|output}</td></tr>
 *   <tr><td>{@code astradesk_model_circuit_state}</td><td>{provider}: 0 closed, 1 half-open, 2 open</td></tr>
 *   <tr><td>{@code astradesk_rate_limit_rejections_total}</td><td>{scope}</td></tr>
 *   <tr><td>{@code astradesk_audit_outbox_backlog}, {@code astradesk_auditor_lag_seconds}</td><td>gauges</td></tr>
 *   <tr><td>{@code astradesk_auditor_events_total}</td><td>{outcome}</td></tr>
 *   <tr><td>{@code astradesk_agent_runs_total}</td><td>{agent, status}</td></tr>
 * </table>
 */
public final class ServerMetrics {
    /** Rate-limit scopes registered at 0: a principal's bucket and a principal's bucket for one tool. */
    public static final List<String> RATE_LIMIT_SCOPES = List.of("principal", "tool");
    /** Auditor outcomes registered at 0. */
    public static final List<String> AUDITOR_OUTCOMES = List.of("archived", "retried", "dead_lettered");
    /** Route tag of requests that matched no route (never the raw path, which is unbounded). */
    public static final String UNMATCHED_ROUTE = "unmatched";

    private static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5),
        Duration.ofMillis(10),
        Duration.ofMillis(25),
        Duration.ofMillis(50),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        Duration.ofSeconds(60)
    };

    private final PrometheusMeterRegistry registry;
    /**
     * The meters fed on every request, by their tag values: looking one up in the registry builds an id, sorts its
     * tags and (for timers) copies the histogram settings each time; this map finds it without allocating. Tag values
     * are bounded (route templates, tool, agent and provider names, outcomes), and so are these maps.
     */
    private final Map<MeterKey, Meter> meters = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> circuitStates = new ConcurrentHashMap<>();
    private final AtomicReference<LongSupplier> outboxBacklog = new AtomicReference<>(() -> 0L);
    private final AtomicReference<DoubleSupplier> auditorLag = new AtomicReference<>(() -> 0.0);

    /** A fresh registry with every always-present meter registered. */
    public ServerMetrics() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        RATE_LIMIT_SCOPES.forEach(scope -> rejections(scope));
        AUDITOR_OUTCOMES.forEach(outcome -> auditorEvents(outcome));
        Gauge.builder(
                        "astradesk.audit.outbox.backlog",
                        outboxBacklog,
                        s -> s.get().getAsLong())
                .description("Audit events written to the outbox and not yet published")
                .register(registry);
        Gauge.builder("astradesk.auditor.lag", auditorLag, s -> s.get().getAsDouble())
                .description("Age of the oldest audit event the Auditor has not yet archived")
                .baseUnit("seconds")
                .register(registry);
    }

    /** The registry (to add JVM or custom meters). */
    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    /** One HTTP request answered. {@code route} is the matched path template, or {@link #UNMATCHED_ROUTE}. */
    public void httpRequest(String route, String method, int status, long nanos) {
        ((Timer) meter(new MeterKey(MeterKind.HTTP, route, method, status))).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One tool call through the registry; outcome {@code ok}, {@code denied} or {@code error}. */
    public void toolCall(String tool, String outcome, long nanos) {
        ((Counter) meter(new MeterKey(MeterKind.TOOL_CALLS, tool, outcome, 0))).increment();
        ((Timer) meter(new MeterKey(MeterKind.TOOL_TIME, tool, "", 0))).record(nanos, TimeUnit.NANOSECONDS);
    }

    /** One model call through the gateway, with the tokens it used (0 when it failed). */
    public void modelCall(String provider, String outcome, long nanos, long inputTokens, long outputTokens) {
        ((Counter) meter(new MeterKey(MeterKind.MODEL_CALLS, provider, outcome, 0))).increment();
        ((Timer) meter(new MeterKey(MeterKind.MODEL_TIME, provider, "", 0))).record(nanos, TimeUnit.NANOSECONDS);
        ((Counter) meter(new MeterKey(MeterKind.MODEL_TOKENS, provider, "input", 0)))
                .increment(Math.max(0, inputTokens));
        ((Counter) meter(new MeterKey(MeterKind.MODEL_TOKENS, provider, "output", 0)))
                .increment(Math.max(0, outputTokens));
    }

    /** A provider's circuit breaker state. */
    public void circuitState(String provider, CircuitState state) {
        circuitStates
                .computeIfAbsent(provider, p -> {
                    AtomicInteger value = new AtomicInteger();
                    Gauge.builder("astradesk.model.circuit.state", value, AtomicInteger::get)
                            .description("Model provider circuit breaker: 0 closed, 1 half-open, 2 open")
                            .tag("provider", p)
                            .register(registry);
                    return value;
                })
                .set(state.gaugeValue());
    }

    /** One agent run finished; status {@code ok}, {@code degraded}, {@code denied} or {@code error}. */
    public void agentRun(String agent, String status) {
        ((Counter) meter(new MeterKey(MeterKind.AGENT_RUNS, agent, status, 0))).increment();
    }

    /** A request was refused by a rate limit; scope e.g. {@code principal} or {@code tool}. */
    public void rateLimitRejected(String scope) {
        rejections(scope).increment();
    }

    /** The Auditor handled one event; outcome {@code archived}, {@code retried} or {@code dead_lettered}. */
    public void auditorEvent(String outcome) {
        auditorEvents(outcome).increment();
    }

    /** Where {@code astradesk_audit_outbox_backlog} reads the number of unpublished outbox rows. */
    public void bindOutboxBacklog(LongSupplier backlog) {
        outboxBacklog.set(Objects.requireNonNull(backlog, "backlog"));
    }

    /** Where {@code astradesk_auditor_lag_seconds} reads the Auditor's lag, in seconds. */
    public void bindAuditorLag(DoubleSupplier lagSeconds) {
        auditorLag.set(Objects.requireNonNull(lagSeconds, "lagSeconds"));
    }

    private Counter rejections(String scope) {
        return Counter.builder("astradesk.rate.limit.rejections")
                .description("Requests refused with 429 by a rate limit")
                .tag("scope", scope)
                .register(registry);
    }

    private Counter auditorEvents(String outcome) {
        return Counter.builder("astradesk.auditor.events")
                .description("Audit events the Auditor consumed, by outcome")
                .tag("outcome", outcome)
                .register(registry);
    }

    private Meter meter(MeterKey key) {
        Meter meter = meters.get(key);
        return meter != null ? meter : meters.computeIfAbsent(key, this::register);
    }

    private Meter register(MeterKey k) {
        return switch (k.kind()) {
            case HTTP ->
                timer(
                        "astradesk.http.server.requests",
                        Tags.of("route", k.first(), "method", k.second(), "status", Integer.toString(k.status())));
            case TOOL_CALLS ->
                Counter.builder("astradesk.tool.calls")
                        .tags("tool", k.first(), "outcome", k.second())
                        .register(registry);
            case TOOL_TIME -> timer("astradesk.tool.call", Tags.of("tool", k.first()));
            case MODEL_CALLS ->
                Counter.builder("astradesk.model.calls")
                        .tags("provider", k.first(), "outcome", k.second())
                        .register(registry);
            case MODEL_TIME -> timer("astradesk.model.call", Tags.of("provider", k.first()));
            case MODEL_TOKENS ->
                Counter.builder("astradesk.model.tokens")
                        .tags("provider", k.first(), "type", k.second())
                        .register(registry);
            case AGENT_RUNS ->
                Counter.builder("astradesk.agent.runs")
                        .tags("agent", k.first(), "status", k.second())
                        .register(registry);
        };
    }

    private Timer timer(String name, Tags tags) {
        return Timer.builder(name)
                .tags(tags)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .register(registry);
    }

    private enum MeterKind {
        HTTP,
        TOOL_CALLS,
        TOOL_TIME,
        MODEL_CALLS,
        MODEL_TIME,
        MODEL_TOKENS,
        AGENT_RUNS
    }

    /**
     * A per-request meter by its kind and tag values. {@code equals} and {@code hashCode} are written out: a record's
     * generated ones go through {@code ObjectMethods}' method handles, measurable at one lookup per meter per request.
     */
    private record MeterKey(MeterKind kind, String first, String second, int status) {
        @Override
        public boolean equals(Object o) {
            return o instanceof MeterKey k
                    && kind == k.kind
                    && status == k.status
                    && Objects.equals(first, k.first)
                    && Objects.equals(second, k.second);
        }

        @Override
        public int hashCode() {
            return ((kind.ordinal() * 31 + Objects.hashCode(first)) * 31 + Objects.hashCode(second)) * 31 + status;
        }
    }
}
