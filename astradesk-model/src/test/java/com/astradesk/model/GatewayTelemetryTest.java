package com.astradesk.model;

import static com.astradesk.model.FakeOpenAiServer.completion;
import static com.astradesk.model.FakeOpenAiServer.error;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.telemetry.Observation;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.telemetry.TelemetryNames;
import com.astradesk.core.testing.RecordingTelemetry;
import com.astradesk.core.testing.RecordingTelemetry.Recorded;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The gateway template reports gen_ai.chat observations, breaker states and propagates the trace over HTTP. */
class GatewayTelemetryTest {
    private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

    private FakeOpenAiServer server;
    private final RecordingTelemetry telemetry = new RecordingTelemetry();

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ModelGateway gateway(String... overrides) {
        var env = new java.util.HashMap<String, String>(Map.of(
                "MODEL_PROVIDER", "vllm",
                "MODEL_BASE_URL", server.baseUrl(),
                "MODEL_NAME", "test-model",
                "MODEL_TIMEOUT", "10s",
                "MODEL_RETRY_BACKOFF", "10ms",
                "MODEL_RETRY_MAX_BACKOFF", "50ms"));
        for (int i = 0; i < overrides.length; i += 2) {
            env.put(overrides[i], overrides[i + 1]);
        }
        return ModelGateways.builder(ModelConfig.fromEnv(env).orElseThrow())
                .withTelemetry(telemetry)
                .build();
    }

    private static ChatRequest ask(String question) {
        return ChatRequest.of(List.of(ChatMessage.user(question)));
    }

    @Test
    void should_report_genai_attributes_and_tokens_when_a_call_succeeds() {
        // given
        server.then(completion("Reset it from the portal.", 21, 7));

        // when
        gateway().chat(ask("How do I reset my password?"));

        // then
        Recorded chat = telemetry.named(TelemetryNames.GEN_AI_CHAT).get(0);
        assertThat(chat.attributes)
                .containsEntry(TelemetryNames.GEN_AI_OPERATION_NAME, "chat")
                .containsEntry(TelemetryNames.GEN_AI_PROVIDER_NAME, "vllm")
                .containsEntry(TelemetryNames.GEN_AI_SYSTEM, "vllm")
                .containsEntry(TelemetryNames.GEN_AI_REQUEST_MODEL, "test-model")
                .containsEntry(TelemetryNames.GEN_AI_USAGE_INPUT_TOKENS, 21L)
                .containsEntry(TelemetryNames.GEN_AI_USAGE_OUTPUT_TOKENS, 7L);
        assertThat(chat.outcome).isEqualTo("ok");
        assertThat(chat.closed).isTrue();
        assertThat(telemetry.circuitStates()).containsOnly("vllm:CLOSED");
    }

    @Test
    void should_report_failure_outcome_and_open_circuit_when_provider_keeps_failing() {
        // given
        server.otherwise(error(503, "server_error", "overloaded"));
        ModelGateway gateway = gateway("MODEL_MAX_RETRIES", "1", "MODEL_BREAKER_FAILURES", "2");

        // when
        assertThatThrownBy(() -> gateway.chat(ask("one"))).isInstanceOf(ModelException.class);
        assertThatThrownBy(() -> gateway.chat(ask("two"))).isInstanceOf(ModelException.class);

        // then
        List<Recorded> calls = telemetry.named(TelemetryNames.GEN_AI_CHAT);
        assertThat(calls.get(0).outcome).isEqualTo("error");
        assertThat(calls.get(0).error).isInstanceOf(ModelException.class);
        assertThat(calls.get(1).outcome).isEqualTo("circuit_open");
        assertThat(telemetry.circuitStates()).startsWith("vllm:CLOSED").endsWith("vllm:OPEN", "vllm:OPEN");
    }

    @Test
    void should_send_the_current_traceparent_to_the_provider() {
        // given: process-wide telemetry that has a trace open
        Telemetry previous = Telemetry.installGlobal(new Telemetry() {
            @Override
            public Observation start(String name, Map<String, ?> attributes) {
                return Telemetry.noop().start(name, attributes);
            }

            @Override
            public Map<String, String> propagationHeaders() {
                return Map.of("traceparent", TRACEPARENT);
            }
        });
        try {
            server.then(completion("ok", 1, 1));

            // when
            gateway().chat(ask("hello"));

            // then
            assertThat(server.requestHeaders().get(0).getFirst("traceparent")).isEqualTo(TRACEPARENT);
        } finally {
            Telemetry.installGlobal(previous);
        }
    }
}
