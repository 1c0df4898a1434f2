package com.astradesk.benchmarks;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.TokenUsage;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelGateways;
import com.astradesk.model.ProviderKind;
import com.astradesk.model.provider.ChatProvider;
import com.astradesk.model.provider.TokenSink;
import java.util.List;
import java.util.Optional;
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
 * The gateway template's own cost (normalize, validate, clamp, stock guardrails, timeout/retry/breaker, usage)
 * over a zero-latency fake provider. Sample mode, so JMH prints p50/p99.
 */
@State(Scope.Benchmark)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ModelGatewayBenchmark {
    private ModelGateway gateway;
    private ModelGateway bare;
    private ChatRequest request;

    @Setup
    public void setUp() {
        ModelConfig config = new ModelConfig(
                ProviderKind.OLLAMA, "fake", Optional.empty(), Optional.empty(), Optional.empty(), null, null, null);
        gateway = ModelGateways.builder(config).withProvider(new FakeProvider()).build();
        bare = ModelGateways.builder(config)
                .withProvider(new FakeProvider())
                .withStockGuardrails(false)
                .build();
        request = ChatRequest.of(List.of(
                ChatMessage.system("You are AstraDesk's planner. Answer with a JSON plan."),
                ChatMessage.user("show metrics for payments-api over the last 15 minutes")));
    }

    @Benchmark
    public ChatResponse chatWithStockGuardrails() {
        return gateway.chat(request);
    }

    @Benchmark
    public ChatResponse chatWithoutGuardrails() {
        return bare.chat(request);
    }

    /** Answers instantly. */
    static final class FakeProvider implements ChatProvider {
        private static final String ANSWER =
                "{\"steps\":[{\"tool\":\"get_metrics\",\"args\":{\"service\":\"payments-api\"}}]}";

        @Override
        public String name() {
            return "fake";
        }

        @Override
        public String model() {
            return "fake";
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            return new ChatResponse(ANSWER, new TokenUsage(42, 17), "fake", "fake");
        }

        @Override
        public ChatResponse doStream(ChatRequest request, TokenSink sink) {
            return doChat(request);
        }
    }
}
