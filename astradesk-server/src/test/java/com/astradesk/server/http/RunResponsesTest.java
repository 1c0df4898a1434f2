package com.astradesk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.AgentResult;
import com.astradesk.core.agent.Citation;
import com.astradesk.core.agent.StepResult;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolDenial;
import com.astradesk.server.support.internal.ServerJson;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link RunResponses#write} gives exactly the text the shared mapper gives for the map form of a run. */
class RunResponsesTest {
    private static final String[] TEXTS = {
        "",
        "payments-api",
        "Metrics for payments-api, last 1h",
        "zażółć \"gęślą\" jaźń\n\t\\",
        "emoji 🚀 ok",
        "<b>&amp;</b>"
    };

    @Test
    void should_write_the_same_text_as_the_mapper_for_random_runs() {
        Random random = new Random(1501);
        for (int i = 0; i < 3_000; i++) {
            AgentResult result = result(random);
            AgentRequest request = new AgentRequest(
                    "q",
                    Map.of(),
                    "req-" + i,
                    Optional.empty(),
                    random.nextBoolean() ? Optional.of("4bf92f3577b34da6a3ce929d0e0e4736") : Optional.empty());
            Optional<String> approval = random.nextInt(4) == 0 ? Optional.of("appr-" + i) : Optional.empty();

            Map<String, Object> wire = AgentRoutes.toWire(result, request);
            approval.ifPresent(id -> {
                wire.put("status", CallStatus.PENDING_APPROVAL.wireName());
                wire.put("approval_id", id);
                wire.put("approval_url", "/v1/approvals/" + id);
            });

            assertThat(RunResponses.write(result, request, approval))
                    .as("run %d", i)
                    .isEqualTo(ServerJson.write(wire));
        }
    }

    @Test
    void should_find_the_first_approval_id() {
        StepResult ok = step(CallStatus.OK, Optional.of(Map.of("x", 1)));
        StepResult pending = step(CallStatus.PENDING_APPROVAL, Optional.of(Map.of(StepResult.APPROVAL_ID, "a-1")));
        StepResult later = step(CallStatus.PENDING_APPROVAL, Optional.of(Map.of(StepResult.APPROVAL_ID, "a-2")));

        assertThat(AgentRoutes.approvalId(run(List.of(ok, pending, later)))).contains("a-1");
        assertThat(AgentRoutes.approvalId(run(List.of(ok)))).isEmpty();
    }

    private static AgentResult run(List<StepResult> steps) {
        return new AgentResult("r", "ops", "out", List.of(), steps, List.of(), false, Optional.empty(), "c");
    }

    private static StepResult step(CallStatus status, Optional<Map<String, Object>> result) {
        return new StepResult(
                "t", Map.of(), status, Optional.empty(), result, Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static AgentResult result(Random random) {
        List<StepResult> steps = new ArrayList<>();
        for (int s = random.nextInt(4); s > 0; s--) {
            CallStatus status = CallStatus.values()[random.nextInt(CallStatus.values().length)];
            Optional<Map<String, Object>> result =
                    random.nextInt(3) == 0 ? Optional.empty() : Optional.of(value(random));
            if (status == CallStatus.PENDING_APPROVAL && random.nextBoolean()) {
                Map<String, Object> withId = new LinkedHashMap<>(result.orElse(Map.of()));
                withId.put(StepResult.APPROVAL_ID, random.nextBoolean() ? "appr-x" : 42);
                result = Optional.of(withId);
            }
            Optional<ToolDenial> denial = random.nextInt(3) == 0
                    ? Optional.of(new ToolDenial(
                            "t", random.nextBoolean() ? Set.of("sre", "admin", "ops") : Set.of(), text(random)))
                    : Optional.empty();
            Optional<RateLimitDecision> rate = random.nextInt(3) == 0
                    ? Optional.of(new RateLimitDecision(
                            random.nextBoolean(),
                            10,
                            random.nextInt(10),
                            Duration.ofMillis(random.nextInt(90_000)),
                            Duration.ofMillis(random.nextInt(90_000))))
                    : Optional.empty();
            steps.add(new StepResult(
                    random.nextBoolean() ? "get_metrics" : text(random),
                    random.nextBoolean() ? Map.of() : value(random),
                    status,
                    random.nextBoolean() ? Optional.of(text(random)) : Optional.empty(),
                    result,
                    random.nextBoolean() ? Optional.of(text(random)) : Optional.empty(),
                    denial,
                    rate));
        }
        List<Citation> citations = new ArrayList<>();
        for (int c = random.nextInt(3); c > 0; c--) {
            double score = switch (random.nextInt(4)) {
                case 0 -> 0.0;
                case 1 -> 1.0;
                case 2 -> random.nextDouble();
                default -> 1e-7 * random.nextDouble();
            };
            citations.add(new Citation(text(random), random.nextInt(1000) - 5, score, text(random)));
        }
        boolean degraded = random.nextBoolean();
        return new AgentResult(
                "run-" + random.nextInt(),
                text(random),
                text(random),
                random.nextBoolean() ? List.of() : List.of("get_metrics", text(random)),
                steps,
                citations,
                degraded,
                random.nextBoolean() ? Optional.of(text(random)) : Optional.empty(),
                "conv-" + random.nextInt(),
                random.nextBoolean() ? List.of() : List.of(0, random.nextInt(steps.size() + 1)));
    }

    /** A map of the shapes tools return: numbers, strings, lists, nested maps, instants, nulls. */
    private static Map<String, Object> value(Random random) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int k = random.nextInt(5); k > 0; k--) {
            String key = text(random) + k;
            Object v = switch (random.nextInt(8)) {
                case 0 -> random.nextInt();
                case 1 -> random.nextDouble() * 1000;
                case 2 -> text(random);
                case 3 -> List.of(1, "two", 3.5);
                case 4 -> Map.of("nested", text(random));
                case 5 -> Instant.ofEpochSecond(1_700_000_000L + random.nextInt(1_000_000));
                case 6 -> null;
                default -> random.nextBoolean();
            };
            m.put(key, v);
        }
        return m;
    }

    private static String text(Random random) {
        return TEXTS[random.nextInt(TEXTS.length)];
    }
}
