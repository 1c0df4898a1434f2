package com.astradesk.server.observability;

import com.astradesk.core.telemetry.CircuitState;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.server.config.ObservabilityConfig;
import com.astradesk.server.security.LogRedaction;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The server's {@link Telemetry}: each observation is an OpenTelemetry span (exported over OTLP/HTTP when
 * configured; ids are created either way) and feeds {@link ServerMetrics} (tool calls, model calls and tokens,
 * agent runs, circuit state). While an observation is open, the MDC carries {@code trace_id}, {@code span_id} and
 * its {@code agent}/{@code provider}/{@code run_id}. Thread-safe; {@link #close()} flushes and stops export.
 */
public final class ServerTelemetry implements Telemetry, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerTelemetry.class);
    private static final String INSTRUMENTATION = "com.astradesk";
    private static final IdGenerator IDS = IdGenerator.random();

    private final SdkTracerProvider tracerProvider;
    private final Tracer tracer;
    private final ServerMetrics metrics;
    private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();
    private final boolean exporting;

    private ServerTelemetry(SdkTracerProvider tracerProvider, ServerMetrics metrics, boolean exporting) {
        this.tracerProvider = tracerProvider;
        this.tracer = tracerProvider.get(INSTRUMENTATION);
        this.metrics = metrics;
        this.exporting = exporting;
    }

    /** Telemetry for this configuration: OTLP export when an endpoint is configured, fresh metrics. */
    public static ServerTelemetry create(ObservabilityConfig config) {
        Objects.requireNonNull(config, "config");
        SdkTracerProviderBuilder builder = SdkTracerProvider.builder().setResource(resource(config.serviceName()));
        config.tracesEndpoint().ifPresent(endpoint -> {
            var exporter = OtlpHttpSpanExporter.builder().setEndpoint(endpoint.toString());
            config.otlpHeaders().forEach(exporter::addHeader);
            builder.addSpanProcessor(
                    BatchSpanProcessor.builder(exporter.build()).build());
            LOG.info("tracing: exporting spans over OTLP/HTTP to {}", endpoint.getHost());
        });
        return new ServerTelemetry(
                builder.build(), new ServerMetrics(), config.tracesEndpoint().isPresent());
    }

    /**
     * Telemetry for this configuration ({@link #create}) installed as the process's {@link Telemetry#global()}, which
     * components built without an explicit telemetry report to. The one place a process installs it: the server's
     * and the gateway's wiring call this before building anything (gateways report their breaker state as they are
     * created); {@link #close()} uninstalls it.
     */
    public static ServerTelemetry createGlobal(ObservabilityConfig config) {
        ServerTelemetry telemetry = create(config);
        Telemetry.installGlobal(telemetry);
        return telemetry;
    }

    /** Telemetry with ids only: no export. */
    public static ServerTelemetry local() {
        return create(ObservabilityConfig.defaults());
    }

    /** Telemetry whose spans go to {@code processor} (tests: the SDK's in-memory exporter). */
    public static ServerTelemetry withSpanProcessor(SpanProcessor processor) {
        return new ServerTelemetry(
                SdkTracerProvider.builder()
                        .setResource(resource("astradesk"))
                        .addSpanProcessor(Objects.requireNonNull(processor, "processor"))
                        .build(),
                new ServerMetrics(),
                true);
    }

    /** The meters. */
    public ServerMetrics metrics() {
        return metrics;
    }

    /** The W3C trace-context propagator used for incoming and outgoing requests. */
    TextMapPropagator propagator() {
        return propagator;
    }

    /**
     * Starts a span. Its attributes are converted (and redacted) only when spans are exported: with ids only,
     * nothing would ever read them, and redacting every value of every span is measurable on the request path.
     */
    @Override
    public Observation start(String name, Map<String, ?> attributes) {
        try {
            Span span;
            if (exporting) {
                span = tracer.spanBuilder(name)
                        .setSpanKind(name.equals(TelemetryNames.GEN_AI_CHAT) ? SpanKind.CLIENT : SpanKind.INTERNAL)
                        .setAllAttributes(attributes(attributes))
                        .startSpan();
            } else {
                span = localSpan(Context.current());
            }
            return new SpanObservation(name, span, attributes, metrics, exporting);
        } catch (RuntimeException e) {
            LOG.debug("could not start observation {}", name, e);
            return Telemetry.noop().start(name, attributes);
        }
    }

    /**
     * A server span for an incoming request under {@code parent} (the caller's trace context, or root): the SDK's
     * when spans are exported, otherwise a {@linkplain #localSpan local} one.
     */
    Span startServerSpan(String name, Context parent) {
        if (!exporting) {
            return localSpan(parent);
        }
        return tracer.spanBuilder(name)
                .setParent(parent)
                .setSpanKind(SpanKind.SERVER)
                .setAttribute("http.request.method", name)
                .startSpan();
    }

    /**
     * When nothing exports spans, only their ids are ever read (logs, audit records, {@code traceparent} of
     * outgoing calls): a non-recording span with a fresh span id, in the parent's trace (or a new one) with the
     * parent's flags, costs two random numbers instead of the SDK's span, attribute map and processor calls.
     */
    static Span localSpan(Context parent) {
        SpanContext up = Span.fromContext(parent).getSpanContext();
        SpanContext context = up.isValid()
                ? SpanContext.create(up.getTraceId(), IDS.generateSpanId(), up.getTraceFlags(), up.getTraceState())
                : SpanContext.create(
                        IDS.generateTraceId(), IDS.generateSpanId(), TraceFlags.getSampled(), TraceState.getDefault());
        return Span.wrap(context);
    }

    @Override
    public Map<String, String> propagationHeaders() {
        if (!Span.current().getSpanContext().isValid()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        propagator.inject(Context.current(), headers, (carrier, key, value) -> carrier.put(key, value));
        return headers;
    }

    @Override
    public Optional<String> currentTraceId() {
        SpanContext context = Span.current().getSpanContext();
        return context.isValid() ? Optional.of(context.getTraceId()) : Optional.empty();
    }

    @Override
    public <T> Callable<T> wrap(Callable<T> task) {
        Callable<T> inContext = Context.current().wrap(task);
        Map<String, String> mdc = MDC.getCopyOfContextMap();
        return () -> {
            Map<String, String> previous = MDC.getCopyOfContextMap();
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            try {
                return inContext.call();
            } finally {
                if (previous == null) {
                    MDC.clear();
                } else {
                    MDC.setContextMap(previous);
                }
            }
        };
    }

    @Override
    public void circuitState(String provider, CircuitState state) {
        metrics.circuitState(provider, state);
    }

    /** Uninstalls this telemetry if it is the global one, exports what is buffered and stops exporting. */
    @Override
    public void close() {
        Telemetry.uninstallGlobal(this);
        tracerProvider.shutdown().join(5, TimeUnit.SECONDS);
    }

    static Attributes attributes(Map<String, ?> values) {
        var builder = Attributes.builder();
        values.forEach((key, value) -> {
            if (value instanceof Long || value instanceof Integer || value instanceof Short) {
                builder.put(AttributeKey.longKey(key), ((Number) value).longValue());
            } else if (value instanceof Double || value instanceof Float) {
                builder.put(AttributeKey.doubleKey(key), ((Number) value).doubleValue());
            } else if (value instanceof Boolean b) {
                builder.put(AttributeKey.booleanKey(key), b);
            } else if (value != null) {
                builder.put(AttributeKey.stringKey(key), LogRedaction.attribute(value.toString()));
            }
        });
        return builder.build();
    }

    private static Resource resource(String serviceName) {
        return Resource.getDefault()
                .merge(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), serviceName)));
    }
}
