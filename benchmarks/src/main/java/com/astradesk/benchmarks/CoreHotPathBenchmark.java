package com.astradesk.benchmarks;

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

/** The per-request core steps of an ops run: keyword planning, one registry execution, redaction. */
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
