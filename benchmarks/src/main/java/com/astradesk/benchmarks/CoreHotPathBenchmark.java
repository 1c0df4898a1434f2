package com.astradesk.benchmarks;

import com.astradesk.core.json.JsonSchemas;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.redaction.internal.DefaultRedactor;
import com.astradesk.core.redaction.internal.StandardRules;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request core steps of an ops run: keyword planning, one registry execution, argument validation,
 * redaction; each change of issue 15 next to its same-run baseline (run with {@code -prof gc} for bytes per call).
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class CoreHotPathBenchmark {
    private static final String OPS_INPUT = "show metrics for payments-api";
    private static final String LOG_LINE = "user jane.doe@example.com paid with 4111 1111 1111 1111, token "
            + "Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln and password=hunter2 from 10.1.2.3";
    private Planner planner;
    private ToolRegistry registry;
    private PlanningRequest planning;
    private ToolCall metricsCall;
    private ToolRegistry isolatedRegistry;
    private JsonSchemas.Compiled metricsSchema;
    private JsonSchemas.Compiled metricsSchemaFullValidator;
    private Map<String, Object> metricsArguments;
    private static final String ACCESS_LINE = "POST /v1/agents/run -> 200 in 112.6 ms";
    private Redactor redactor;
    private Redactor exhaustive;

    @Setup
    public void setUp() {
        Principal sre = Principal.of("bench-sre", "sre");
        registry = Fixtures.registry();
        planner = Fixtures.planner();
        planning = new PlanningRequest(OPS_INPUT, sre, registry.availableTo(sre), Language.EN);
        metricsCall = ToolCall.of("get_metrics", Map.of("service", "payments-api"), sre);
        redactor = Redactor.standard();
        // same-run baseline: the stock rules without their cheap prechecks (every regex runs over every text)
        exhaustive = new DefaultRedactor(StandardRules.all().stream()
                .map(rule -> rule.withPrecheck(text -> true))
                .toList());
        // same-run baseline of INLINE execution: the same get_metrics tool declared ISOLATED (a hand-off per call)
        isolatedRegistry = Fixtures.registryWith(Fixtures::isolated);
        metricsArguments = Map.of("service", "payments-api", "window", "15m");
        Map<String, Object> schema = registry.find("get_metrics").orElseThrow().argumentsSchema();
        metricsSchema = JsonSchemas.compile(schema);
        // same-run baseline of the plain checks: "$id" is outside their subset, so this one always runs networknt
        Map<String, Object> withId = new java.util.HashMap<>(schema);
        withId.put("$id", "urn:astradesk:bench:get_metrics");
        metricsSchemaFullValidator = JsonSchemas.compile(withId);
        if (!metricsSchema.hasPlainChecks() || metricsSchemaFullValidator.hasPlainChecks()) {
            throw new IllegalStateException("plain checks expected for the stock schema only");
        }
        if (planner.plan(planning).steps().isEmpty()) {
            throw new IllegalStateException("the keyword planner found no step for '" + OPS_INPUT + "'");
        }
    }

    @Benchmark
    public Plan keywordPlan() {
        return planner.plan(planning);
    }

    @Benchmark
    public ToolOutcome registryExecuteGetMetrics() {
        return registry.execute(metricsCall);
    }

    @Benchmark
    public ToolOutcome registryExecuteGetMetricsIsolated() {
        return isolatedRegistry.execute(metricsCall);
    }

    @Benchmark
    public java.util.List<String> validateGetMetricsArguments() {
        return metricsSchema.validate(metricsArguments);
    }

    @Benchmark
    public java.util.List<String> validateGetMetricsArgumentsFullValidator() {
        return metricsSchemaFullValidator.validate(metricsArguments);
    }

    @Benchmark
    public String redactLogLine() {
        return redactor.redact(LOG_LINE);
    }

    @Benchmark
    public String redactLogLineWithoutPrechecks() {
        return exhaustive.redact(LOG_LINE);
    }

    @Benchmark
    public String redactAccessLine() {
        return redactor.redact(ACCESS_LINE);
    }

    @Benchmark
    public String redactAccessLineWithoutPrechecks() {
        return exhaustive.redact(ACCESS_LINE);
    }

    @Benchmark
    public String redactOpsInput() {
        return redactor.redact(OPS_INPUT);
    }

    @Benchmark
    public String redactOpsInputWithoutPrechecks() {
        return exhaustive.redact(OPS_INPUT);
    }
}
