package com.astradesk.benchmarks;

import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
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

/** The server's JSON mapper on a run request body and a typical ops run response. */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JsonBenchmark {
    private static final String REQUEST =
            "{\"agent\":\"ops\",\"input\":\"show metrics for payments-api\",\"meta\":{\"channel\":\"bench\"}}";
    private Map<String, Object> response;

    @Setup
    public void setUp() {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("tool", "get_metrics");
        step.put("args", Map.of("service", "payments-api", "window", "15m"));
        step.put("status", "ok");
        step.put(
                "result",
                Map.of("service", "payments-api", "window", "15m", "p95_latency_ms", 182.4, "error_rate", 0.012));
        step.put("summary", "payments-api over 15m: p95 182 ms, error rate 1.2%");
        response = new LinkedHashMap<>();
        response.put("run_id", "run-0b5e7c1d-2f4a-4c55-9d7e-1f0a2b3c4d5e");
        response.put("agent", "ops");
        response.put("output", "payments-api over 15m: p95 182 ms, error rate 1.2%");
        response.put("reasoning_trace_id", "req-1234");
        response.put("used_tools", List.of("get_metrics"));
        response.put("steps", List.of(step));
        response.put("citations", List.of());
        response.put("degraded", false);
    }

    @Benchmark
    public JsonNode parseRunRequest() throws JsonProcessingException {
        return ServerJson.mapper().readTree(REQUEST);
    }

    @Benchmark
    public String writeRunResponse() {
        return ServerJson.write(response);
    }
}
