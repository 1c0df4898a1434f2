package com.astradesk.server.http;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.HttpHarness.quote;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.server.EventStream;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AgentRunStreamHttpTest {
    private static final TestFixtures FIXTURES = new TestFixtures();
    private static final DevIssuer ISSUER = DevIssuer.ephemeral();
    private static final AtomicInteger SLOW_CALLS = new AtomicInteger();
    private static volatile CountDownLatch slowGate = new CountDownLatch(0);
    private static AstraDeskServer server;
    private static HttpHarness http;
    private static String sre;
    private static String viewer;

    @BeforeAll
    static void start() {
        ToolRegistry registry = ToolRegistry.builder()
                .withTool(slowTool())
                .withTool(quickTool())
                .withAuditSink(r -> FIXTURES.auditLog.append(List.of(r)))
                .build();
        Agent slow = Agent.builder("slow")
                .withPlanner(request -> Plan.of(List.of(new PlanStep("slow_check", Map.of("target", "db")))))
                .withToolRegistry(registry)
                .withTools(List.of("slow_check"))
                .withRunJournal(FIXTURES.journal)
                .build();
        Agent twoSteps = Agent.builder("two_steps")
                .withPlanner(request -> Plan.of(List.of(
                        new PlanStep("quick_check", Map.of("target", "cache")),
                        new PlanStep("slow_check", Map.of("target", "db")))))
                .withToolRegistry(registry)
                .withTools(List.of("quick_check", "slow_check"))
                .withRunJournal(FIXTURES.journal)
                .build();
        List<Agent> agents = new ArrayList<>(FIXTURES.agents());
        agents.add(slow);
        agents.add(twoSteps);
        server = AstraDeskServer.builder()
                .withAgents(agents)
                .withToolRegistry(FIXTURES.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(ISSUER))
                .withStreamHeartbeat(Duration.ofMillis(50))
                .build()
                .start();
        http = new HttpHarness(server);
        sre = ISSUER.mint("alice", List.of("sre"), List.of(), Duration.ofMinutes(5));
        viewer = ISSUER.mint("bob", List.of("viewer"), List.of(), Duration.ofMinutes(5));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String body(String agent, String input) {
        return "{\"agent\":" + quote(agent) + ",\"input\":" + quote(input) + "}";
    }

    @Test
    void should_stream_started_plan_step_answer_and_completed_with_the_json_body_of_a_plain_run() {
        // when
        EventStream stream = http.stream("/v1/agents/run", sre, body("ops", "restart webapp"));
        HttpResponse<String> plain = http.postJson("/v1/agents/run", sre, body("ops", "restart webapp"));

        // then
        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("text/event-stream"));
        assertThat(stream.response().headers().firstValue("Cache-Control")).contains("no-cache");
        assertThat(stream.names()).containsExactly("run.started", "plan", "step", "answer.delta", "run.completed");
        String runId =
                stream.first("run.started").orElseThrow().json().get("run_id").asText();
        assertThat(stream.response().headers().firstValue("X-Run-Id")).contains(runId);
        JsonNode plan = stream.first("plan").orElseThrow().json();
        assertThat(plan.get("steps").get(0).get("tool").asText()).isEqualTo("restart_service");
        assertThat(plan.get("steps").get(0).get("args").get("service").asText()).isEqualTo("webapp");
        JsonNode step = stream.first("step").orElseThrow().json();
        assertThat(step.get("index").asInt()).isZero();
        assertThat(step.get("status").asText()).isEqualTo("ok");
        assertThat(step.get("result").get("tool").asText()).isEqualTo("restart_service");
        ObjectNode completed =
                (ObjectNode) stream.first("run.completed").orElseThrow().json();
        assertThat(completed.get("run_id").asText()).isEqualTo(runId);
        String answer = stream.all("answer.delta").stream()
                .map(e -> e.json().get("text").asText())
                .collect(Collectors.joining());
        assertThat(answer).isEqualTo(completed.get("output").asText());
        ObjectNode plainBody = (ObjectNode) json(plain);
        for (ObjectNode run : List.of(completed, plainBody)) {
            run.remove(List.of("run_id", "conversation_id", "reasoning_trace_id"));
        }
        assertThat(completed).isEqualTo(plainBody);
        assertThat(FIXTURES.dialogues.findByRunId(runId)).isPresent();
    }

    @Test
    void should_document_the_event_stream_and_its_events_in_openapi() {
        JsonNode doc = json(http.get("/openapi.json", null));

        JsonNode ok = doc.at("/paths/~1v1~1agents~1run/post/responses/200/content/text~1event-stream");
        assertThat(ok.isMissingNode()).isFalse();
        assertThat(ok.get("x-events").fieldNames())
                .toIterable()
                .containsExactly("run.started", "plan", "step", "answer.delta", "run.completed", "error");
        assertThat(doc.at("/components/schemas/StepEvent").isMissingNode()).isFalse();
    }

    @Test
    void should_stream_citations_of_a_knowledge_answer_in_run_completed() {
        EventStream stream = http.stream("/v1/agents/run", sre, body("ops", "how do I restart things safely?"));

        assertThat(stream.names()).startsWith("run.started", "plan").endsWith("run.completed");
        assertThat(stream.first("plan").orElseThrow().json().get("steps")).isEmpty();
        assertThat(stream.all("step")).isEmpty();
        JsonNode citation = stream.first("run.completed")
                .orElseThrow()
                .json()
                .get("citations")
                .get(0);
        assertThat(citation.get("source").asText()).isEqualTo("runbook.md");
        assertThat(citation.get("chunk").asInt()).isEqualTo(2);
    }

    @Test
    void should_end_with_a_tool_denied_problem_event_after_the_denied_step_and_journal_the_run() {
        EventStream stream = http.stream("/v1/agents/run", viewer, body("ops", "restart payments-api"));

        assertThat(stream.response().statusCode()).isEqualTo(200);
        assertThat(stream.names()).containsExactly("run.started", "plan", "step", "answer.delta", "error");
        assertThat(stream.first("step").orElseThrow().json().get("status").asText())
                .isEqualTo("denied");
        JsonNode problem = stream.first("error").orElseThrow().json();
        assertThat(problem.get("status").asInt()).isEqualTo(403);
        assertThat(problem.get("code").asText()).isEqualTo("tool_denied");
        assertThat(problem.get("type").asText()).isEqualTo("urn:astradesk:problem:tool_denied");
        assertThat(problem.get("required_roles")).extracting(JsonNode::asText).containsExactly("sre");
        String runId = problem.get("run_id").asText();
        assertThat(stream.first("run.started")
                        .orElseThrow()
                        .json()
                        .get("run_id")
                        .asText())
                .isEqualTo(runId);
        assertThat(FIXTURES.auditLog.forRun(runId))
                .anySatisfy(a -> assertThat(a.decision()).isEqualTo(AuditDecision.DENIED));
    }

    @Test
    void should_refuse_a_missing_token_or_a_bad_body_with_a_plain_problem_and_no_stream() {
        EventStream anonymous = http.stream("/v1/agents/run", null, body("ops", "status"));
        EventStream unknownAgent = http.stream("/v1/agents/run", sre, body("nobody", "status"));

        assertThat(anonymous.response().statusCode()).isEqualTo(401);
        assertThat(anonymous.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(anonymous.events()).isEmpty();
        assertThat(unknownAgent.response().statusCode()).isEqualTo(400);
        assertThat(unknownAgent.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
    }

    @Test
    void should_stream_the_stored_result_when_an_idempotency_key_is_replayed() {
        String key = "stream-replay-" + System.nanoTime();
        String request = body("ops", "status of webapp");

        EventStream first = http.stream("/v1/agents/run", sre, request, "Idempotency-Key", key);
        EventStream replay = http.stream("/v1/agents/run", sre, request, "Idempotency-Key", key);
        HttpResponse<String> jsonReplay = http.send(http.request("/v1/agents/run")
                .header("Authorization", "Bearer " + sre)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(request)));

        String runId =
                first.first("run.started").orElseThrow().json().get("run_id").asText();
        assertThat(replay.names()).containsExactly("run.started", "run.completed");
        JsonNode started = replay.first("run.started").orElseThrow().json();
        assertThat(started.get("run_id").asText()).isEqualTo(runId);
        assertThat(started.get("replayed").asBoolean()).isTrue();
        assertThat(replay.response().headers().firstValue("Idempotent-Replayed"))
                .contains("true");
        assertThat(replay.first("run.completed").orElseThrow().data())
                .isEqualTo(first.first("run.completed").orElseThrow().data())
                .isEqualTo(jsonReplay.body());
        assertThat(jsonReplay.headers().firstValue("Idempotent-Replayed")).contains("true");
    }

    @Test
    void should_send_heartbeat_comments_while_a_step_runs() throws Exception {
        // given: the step runs until the test has read a heartbeat (a timer releasing it could fire before the
        // step even started on a busy machine, and then no heartbeat was due)
        slowGate = new CountDownLatch(1);
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        http.request("/v1/agents/run")
                                .header("Authorization", "Bearer " + sre)
                                .header("Content-Type", "application/json")
                                .header("Accept", "text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(body("slow", "check the database")))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        List<String> seen = new ArrayList<>();
        java.util.Iterator<String> lines = response.body().iterator();

        // when: a heartbeat arrives after the plan
        while (lines.hasNext()) {
            String line = lines.next();
            seen.add(line);
            if (line.startsWith(":") && line.substring(1).trim().equals("heartbeat") && seen.contains("event: plan")) {
                break;
            }
        }
        slowGate.countDown();
        EventStream stream = EventStream.parse(
                response,
                java.util.stream.Stream.concat(
                        seen.stream(),
                        java.util.stream.StreamSupport.stream(
                                java.util.Spliterators.spliteratorUnknownSize(lines, 0), false)));

        // then: it came while the step ran (before its event), and the run then completed
        assertThat(stream.comments()).contains("heartbeat");
        List<String> sequence = stream.sequence();
        assertThat(sequence.subList(sequence.indexOf("plan"), sequence.indexOf("step")))
                .contains(":heartbeat");
        assertThat(stream.names()).endsWith("run.completed");
    }

    @Test
    void should_complete_and_journal_the_run_when_the_client_disconnects_mid_stream() throws Exception {
        slowGate = new CountDownLatch(1);
        int callsBefore = SLOW_CALLS.get();
        String runId;
        String request = body("slow", "check the database");
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            byte[] bytes = request.getBytes(StandardCharsets.UTF_8);
            out.write(("POST /v1/agents/run HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + sre
                            + "\r\nAccept: text/event-stream\r\nContent-Type: application/json\r\nContent-Length: "
                            + bytes.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String line;
            String started = null;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data: ") && line.contains("\"run_id\"")) {
                    started = line;
                    break;
                }
            }
            assertThat(started).isNotNull();
            runId = new ObjectMapper()
                    .readTree(started.substring(6))
                    .get("run_id")
                    .asText();
        } // the client is gone while the tool still runs
        slowGate.countDown();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (FIXTURES.dialogues.findByRunId(runId).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(FIXTURES.dialogues.findByRunId(runId)).isPresent();
        assertThat(SLOW_CALLS.get()).isEqualTo(callsBefore + 1);
        assertThat(FIXTURES.auditLog.forRun(runId))
                .anySatisfy(a -> assertThat(a.action()).isEqualTo("agents.run"));
    }

    @Test
    void should_send_each_step_as_its_tool_completes_before_the_next_tool_ends() throws Exception {
        // given: the second tool waits for the test
        slowGate = new CountDownLatch(1);
        int slowBefore = SLOW_CALLS.get();
        HttpResponse<java.util.stream.Stream<String>> response = HttpClient.newHttpClient()
                .send(
                        http.request("/v1/agents/run")
                                .header("Authorization", "Bearer " + sre)
                                .header("Content-Type", "application/json")
                                .header("Accept", "text/event-stream")
                                .POST(HttpRequest.BodyPublishers.ofString(body("two_steps", "check cache and db")))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        List<String> seen = new ArrayList<>();
        java.util.Iterator<String> lines = response.body().iterator();

        // when: the first step's event arrives
        while (lines.hasNext()) {
            String line = lines.next();
            seen.add(line);
            if (line.startsWith("data: ") && line.contains("\"quick_check\"") && seen.contains("event: step")) {
                break;
            }
        }

        // then: it came while the second tool was still running; the rest follows once it ends
        assertThat(seen).contains("event: run.started", "event: plan", "event: step");
        assertThat(SLOW_CALLS.get()).isEqualTo(slowBefore);
        assertThat(slowGate.getCount()).isEqualTo(1);
        slowGate.countDown();
        EventStream rest = EventStream.parse(
                response,
                java.util.stream.Stream.concat(
                        seen.stream(),
                        java.util.stream.StreamSupport.stream(
                                java.util.Spliterators.spliteratorUnknownSize(lines, 0), false)));
        assertThat(rest.names())
                .filteredOn(name -> !name.equals("answer.delta"))
                .containsExactly("run.started", "plan", "step", "step", "run.completed");
        assertThat(rest.all("step"))
                .extracting(e -> e.json().get("index").asInt() + ":"
                        + e.json().get("tool").asText())
                .containsExactly("0:quick_check", "1:slow_check");
        assertThat(SLOW_CALLS.get()).isEqualTo(slowBefore + 1);
    }

    @Test
    void should_refuse_an_idempotency_key_reused_with_another_body_with_a_plain_422_and_no_stream() {
        String key = "stream-mismatch-" + System.nanoTime();
        http.stream("/v1/agents/run", sre, body("ops", "status of webapp"), "Idempotency-Key", key);

        EventStream other =
                http.stream("/v1/agents/run", sre, body("ops", "status of payments-api"), "Idempotency-Key", key);

        assertThat(other.response().statusCode()).isEqualTo(422);
        assertThat(other.response().headers().firstValue("Content-Type"))
                .hasValueSatisfying(v -> assertThat(v).startsWith("application/problem+json"));
        assertThat(other.events()).isEmpty();
    }

    private static Tool quickTool() {
        ToolDescriptor descriptor = ToolDescriptor.builder("quick_check")
                .withDescription("A check that answers at once")
                .build();
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult call(ToolCall call) {
                return ToolResult.of("checked " + call.arguments().get("target"), Map.of("healthy", true));
            }
        };
    }

    private static Tool slowTool() {
        ToolDescriptor descriptor = ToolDescriptor.builder("slow_check")
                .withDescription("A check that waits for the test to release it")
                .withTimeout(Duration.ofSeconds(20))
                .build();
        return new Tool() {
            @Override
            public ToolDescriptor descriptor() {
                return descriptor;
            }

            @Override
            public ToolResult call(ToolCall call) {
                try {
                    slowGate.await(15, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                SLOW_CALLS.incrementAndGet();
                return ToolResult.of("checked " + call.arguments().get("target"), Map.of("healthy", true));
            }
        };
    }
}
