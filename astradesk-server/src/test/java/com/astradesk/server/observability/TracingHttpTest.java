package com.astradesk.server.observability;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.server.HttpHarness;
import com.fasterxml.jackson.databind.JsonNode;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TracingHttpTest {
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();
    private static ObservedApp app;
    private static HttpHarness http;

    @BeforeAll
    static void start() throws IOException {
        app = new ObservedApp(ServerTelemetry.withSpanProcessor(SimpleSpanProcessor.create(SPANS)));
        http = new HttpHarness(app.server);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @BeforeEach
    void reset() {
        SPANS.reset();
    }

    private static JsonNode run(String input, String... headers) {
        HttpRequest.Builder request = http.request("/v1/agents/run")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + app.token("sre"))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"agent\":\"ops\",\"input\":" + HttpHarness.quote(input) + "}"));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> response = http.send(request);
        assertThat(response.statusCode()).isEqualTo(200);
        return json(response);
    }

    private static Map<String, SpanData> byName() {
        return SPANS.getFinishedSpanItems().stream()
                .collect(Collectors.toMap(SpanData::getName, Function.identity(), (a, b) -> a));
    }

    @Test
    void should_build_the_span_tree_of_a_run_with_a_tool_step() {
        // when
        JsonNode run = run("status of webapp");

        // then
        Map<String, SpanData> spans = byName();
        SpanData server = spans.get("POST /v1/agents/run");
        SpanData agent = spans.get("agent.run");
        SpanData plan = spans.get("plan");
        SpanData chat = spans.get("gen_ai.chat");
        SpanData tool = spans.get("tool.call");
        assertThat(server.getKind()).isEqualTo(SpanKind.SERVER);
        assertThat(server.getAttributes().get(AttributeKey.stringKey("http.route")))
                .isEqualTo("/v1/agents/run");
        assertThat(server.getAttributes().get(AttributeKey.longKey("http.response.status_code")))
                .isEqualTo(200L);
        assertThat(agent.getParentSpanId()).isEqualTo(server.getSpanId());
        assertThat(plan.getParentSpanId()).isEqualTo(agent.getSpanId());
        assertThat(chat.getParentSpanId()).isEqualTo(plan.getSpanId());
        assertThat(tool.getParentSpanId()).isEqualTo(agent.getSpanId());
        assertThat(List.of(agent, plan, chat, tool))
                .allSatisfy(s -> assertThat(s.getTraceId()).isEqualTo(server.getTraceId()));
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("astradesk.agent")))
                .isEqualTo("ops");
        assertThat(agent.getAttributes().get(AttributeKey.stringKey("astradesk.run_id")))
                .isEqualTo(run.get("run_id").asText());
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("astradesk.tool")))
                .isEqualTo("get_status");
        assertThat(tool.getAttributes().get(AttributeKey.stringKey("astradesk.outcome")))
                .isEqualTo("ok");
        assertThat(spans).doesNotContainKey("rag.query");
        assertThat(run.get("reasoning_trace_id").asText()).isEqualTo(server.getTraceId());
    }

    @Test
    void should_record_genai_semantic_convention_attributes_on_model_calls() {
        // when
        run("status of webapp");

        // then
        SpanData chat = byName().get("gen_ai.chat");
        assertThat(chat.getKind()).isEqualTo(SpanKind.CLIENT);
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.operation.name")))
                .isEqualTo("chat");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.provider.name")))
                .isEqualTo("fake");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.system")))
                .isEqualTo("fake");
        assertThat(chat.getAttributes().get(AttributeKey.stringKey("gen_ai.request.model")))
                .isEqualTo("fake-model");
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.input_tokens")))
                .isEqualTo(12L);
        assertThat(chat.getAttributes().get(AttributeKey.longKey("gen_ai.usage.output_tokens")))
                .isEqualTo(3L);
    }

    @Test
    void should_trace_retrieval_when_the_run_answers_from_knowledge() {
        // when
        JsonNode run = run("how do I handle an outage?");

        // then
        Map<String, SpanData> spans = byName();
        SpanData rag = spans.get("rag.query");
        assertThat(rag.getParentSpanId()).isEqualTo(spans.get("agent.run").getSpanId());
        assertThat(rag.getAttributes().get(AttributeKey.longKey("astradesk.rag.results")))
                .isEqualTo(1L);
        assertThat(spans).doesNotContainKey("tool.call");
        assertThat(run.get("citations").get(0).get("source").asText()).isEqualTo("runbook.md");
    }

    @Test
    void should_continue_the_callers_trace_when_a_traceparent_arrives() {
        // given
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentSpanId = "00f067aa0ba902b7";

        // when
        JsonNode run = run("status of webapp", "traceparent", "00-" + traceId + "-" + parentSpanId + "-01");

        // then
        SpanData server = byName().get("POST /v1/agents/run");
        assertThat(server.getTraceId()).isEqualTo(traceId);
        assertThat(server.getParentSpanId()).isEqualTo(parentSpanId);
        assertThat(run.get("reasoning_trace_id").asText()).isEqualTo(traceId);
        List<AuditRecord> audits = app.auditLog.forRun(run.get("run_id").asText());
        assertThat(audits)
                .hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(a -> assertThat(a.traceId()).contains(traceId));
    }

    @Test
    void should_propagate_the_trace_to_the_tools_outgoing_http_call() {
        // when
        run("status of webapp");

        // then
        SpanData tool = byName().get("tool.call");
        String traceparent = app.backendTraceparents.get(app.backendTraceparents.size() - 1);
        assertThat(traceparent).startsWith("00-" + tool.getTraceId() + "-" + tool.getSpanId() + "-");
    }
}
