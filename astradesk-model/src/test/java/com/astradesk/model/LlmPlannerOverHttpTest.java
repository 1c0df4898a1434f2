package com.astradesk.model;

import static com.astradesk.model.FakeOpenAiServer.completion;
import static com.astradesk.model.FakeOpenAiServer.error;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.json.Json;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.llm.LlmPlanner;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The core LLM planner driving the real gateway against a loopback OpenAI-compatible server. */
class LlmPlannerOverHttpTest {
    private static final ToolDescriptor GET_METRICS = ToolDescriptor.builder("get_metrics")
            .withDescription("Reads metrics of a service")
            .withArgumentsSchema(Map.of(
                    "type", "object",
                    "required", List.of("service"),
                    "properties", Map.of("service", Map.of("type", "string", "enum", List.of("webapp", "database")))))
            .build();
    private static final ToolDescriptor RESTART = ToolDescriptor.builder("restart_service")
            .withDescription("Restarts a service")
            .withSideEffect(SideEffect.EXECUTE)
            .withAllowedRoles("sre")
            .build();
    private static final Plan KEYWORD_PLAN = Plan.of(List.of(new PlanStep("get_metrics", Map.of("service", "webapp"))));

    private FakeOpenAiServer server;
    private final AtomicInteger fallbackCalls = new AtomicInteger();
    private Planner planner;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAiServer();
        var config = ModelConfig.fromEnv(Map.of(
                        "MODEL_PROVIDER", "vllm",
                        "MODEL_BASE_URL", server.baseUrl(),
                        "MODEL_NAME", "planner-model",
                        "MODEL_RETRY_BACKOFF", "10ms",
                        "MODEL_RETRY_MAX_BACKOFF", "20ms",
                        "MODEL_MAX_RETRIES", "1",
                        "MODEL_BREAKER_FAILURES", "2",
                        "MODEL_BREAKER_DELAY", "10s"))
                .orElseThrow();
        Planner keyword = request -> {
            fallbackCalls.incrementAndGet();
            return KEYWORD_PLAN;
        };
        planner = LlmPlanner.builder()
                .withGateway(ModelGateways.builder(config).build())
                .withFallback(keyword)
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static PlanningRequest request(String input) {
        return new PlanningRequest(input, Principal.of("vera", "viewer"), List.of(GET_METRICS, RESTART), Language.EN);
    }

    @Test
    void should_plan_with_the_model_when_answer_is_valid() {
        // given
        server.then(completion(
                "{\"steps\":[{\"tool\":\"get_metrics\",\"arguments\":{\"service\":\"database\"}}]}", 80, 20));

        // when
        Plan plan = planner.plan(request("how is the database doing?"));

        // then
        assertThat(plan.degraded()).isFalse();
        assertThat(plan.steps()).containsExactly(new PlanStep("get_metrics", Map.of("service", "database")));
        String prompt =
                Json.readObject(server.requestBodies().get(0)).get("messages").toString();
        assertThat(prompt).contains("get_metrics").doesNotContain("restart_service");
    }

    @Test
    void should_repair_malformed_plan_once_then_fall_back_degraded() {
        // given
        server.then(completion("Sure! I will check the metrics.", 80, 9))
                .then(completion(
                        "{\"steps\":[{\"tool\":\"restart_service\",\"arguments\":{\"service\":\"webapp\"}}]}", 90, 12));

        // when
        Plan plan = planner.plan(request("check webapp"));

        // then
        assertThat(server.requestCount()).isEqualTo(2);
        assertThat(Json.readObject(server.requestBodies().get(1))
                        .get("messages")
                        .toString())
                .contains("not a valid plan");
        assertThat(fallbackCalls).hasValue(1);
        assertThat(plan.steps()).isEqualTo(KEYWORD_PLAN.steps());
        assertThat(plan.degraded()).isTrue();
        assertThat(plan.degradedReason()).contains("model plan invalid after repair");
    }

    @Test
    void should_fall_back_at_once_when_breaker_is_open() {
        // given: the provider keeps failing, so the first planning call opens the breaker
        server.otherwise(error(503, "server_error", "overloaded"));
        Plan first = planner.plan(request("check webapp"));
        int requestsSoFar = server.requestCount();

        // when
        Plan second = planner.plan(request("check webapp again"));

        // then
        assertThat(first.degraded()).isTrue();
        assertThat(first.degradedReason()).contains("model unavailable");
        assertThat(second.degradedReason()).contains("model unavailable (circuit open)");
        assertThat(server.requestCount()).isEqualTo(requestsSoFar).isEqualTo(2);
        assertThat(fallbackCalls).hasValue(2);
    }
}
