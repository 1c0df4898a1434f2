package com.astradesk.server.knowledge;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.server.EventStream;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.health.ReadinessCheck;
import com.astradesk.server.http.AstraDeskServer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server whose knowledge base is still loading (the embedder blocks until the test releases it). */
class KnowledgeLoadingHttpTest {
    @TempDir
    Path home;

    private final CountDownLatch modelLoaded = new CountDownLatch(1);
    private final Embedder hashing = Embedder.hashing(256);
    private final Embedder slow = new Embedder() {
        @Override
        public int dimension() {
            return hashing.dimension();
        }

        @Override
        public List<float[]> embedAll(List<String> texts) {
            try {
                modelLoaded.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
            return hashing.embedAll(texts);
        }
    };
    private KnowledgeBootstrap bootstrap;
    private AstraDeskServer server;
    private HttpHarness http;
    private String token;

    @BeforeEach
    void start() throws IOException {
        Path kb = Files.createDirectories(home.resolve("kb"));
        Files.writeString(
                kb.resolve("vpn.md"),
                "# VPN password reset\n\nReset the VPN password at the SSO reset page, then reconnect the VPN.\n");
        KnowledgeIndex index = KnowledgeIndex.inMemory(slow);
        bootstrap = new KnowledgeBootstrap(
                slow, DocumentIngestor.builder(index, slow).build(), Optional.of(kb), Duration.ofMillis(200));
        TestFixtures f = new TestFixtures();
        Agent support = Agent.builder("support")
                .withDescription("test")
                .withPlanner(f.planner)
                .withToolRegistry(f.registry)
                .withTools(List.of("get_status"))
                .withRetriever(bootstrap.retriever(index))
                .withRunJournal(f.journal)
                .build();
        DevIssuer issuer = DevIssuer.loadOrCreate(home.resolve("jwk.json"));
        token = issuer.mint("ann", List.of("viewer"), List.of(), Duration.ofMinutes(5));
        server = AstraDeskServer.builder()
                .withToolRegistry(f.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .withAgents(List.of(bootstrap.wrap(support)))
                .withReadinessChecks(List.of(bootstrap.readinessCheck()))
                .withStartHook(bootstrap::start)
                .withCloseable(bootstrap)
                .build()
                .start();
        http = new HttpHarness(server);
    }

    @AfterEach
    void stop() {
        modelLoaded.countDown();
        server.close();
    }

    private JsonNode run(String input) {
        HttpResponse<String> r = http.postJson(
                "/v1/agents/run", token, "{\"agent\":\"support\",\"input\":" + HttpHarness.quote(input) + "}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json(r);
    }

    @Test
    void should_report_knowledge_not_ready_while_the_model_loads() {
        // when
        HttpResponse<String> ready = http.get("/readyz", null);

        // then
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(503);
        assertThat(json(ready).get("failing")).extracting(JsonNode::asText).containsExactly("knowledge");
        assertThat(json(ready).get("detail").asText()).contains("knowledge");
    }

    @Test
    void should_name_a_stopped_database_and_the_loading_knowledge_base_together() {
        // given
        ReadinessCheck database = new ReadinessCheck() {
            @Override
            public String name() {
                return "database";
            }

            @Override
            public void probe() {
                throw new IllegalStateException("connection refused");
            }
        };
        TestFixtures f = new TestFixtures();
        try (AstraDeskServer probed = AstraDeskServer.builder()
                .withToolRegistry(f.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(DevIssuer.loadOrCreate(home.resolve("jwk2.json"))))
                .withReadinessChecks(List.of(database, bootstrap.readinessCheck()))
                .build()
                .start()) {
            // when
            HttpResponse<String> ready = new HttpHarness(probed).get("/readyz", null);

            // then
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(json(ready).get("failing"))
                    .extracting(JsonNode::asText)
                    .containsExactly("database", "knowledge");
        }
    }

    @Test
    void should_run_tools_while_the_knowledge_base_loads() {
        // when
        JsonNode run = run("status please");

        // then
        assertThat(run.get("used_tools")).extracting(JsonNode::asText).containsExactly("get_status");
        assertThat(run.get("degraded").asBoolean()).isFalse();
    }

    @Test
    void should_say_the_knowledge_base_is_loading_and_mark_the_answer_degraded() {
        // when
        JsonNode en = run("How do I reset my VPN password?");
        JsonNode pl = run("Jak zresetować hasło do VPN?");

        // then
        assertThat(en.get("output").asText()).contains("still loading");
        assertThat(en.get("degraded").asBoolean()).isTrue();
        assertThat(en.get("degraded_reason").asText()).contains("knowledge base still loading");
        assertThat(en.get("citations")).isEmpty();
        assertThat(pl.get("output").asText()).contains("wczytuje");
    }

    @Test
    void should_stream_the_loading_answer_not_the_not_found_one() {
        // when
        EventStream stream = http.stream(
                "/v1/agents/run", token, "{\"agent\":\"support\",\"input\":\"How do I reset my VPN password?\"}");

        // then
        String answer = stream.all("answer.delta").stream()
                .map(e -> e.json().get("text").asText())
                .collect(Collectors.joining());
        JsonNode completed = stream.first("run.completed").orElseThrow().json();
        assertThat(answer)
                .contains("still loading")
                .isEqualTo(completed.get("output").asText());
        assertThat(completed.get("degraded").asBoolean()).isTrue();
    }

    @Test
    void should_become_ready_and_answer_from_knowledge_once_loaded() {
        // when
        modelLoaded.countDown();
        assertThat(bootstrap.awaitDone(Duration.ofSeconds(10))).isTrue();
        HttpResponse<String> ready = http.get("/readyz", null);
        JsonNode run = run("How do I reset my VPN password?");

        // then
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(json(ready).get("checks").get("knowledge").asText()).isEqualTo("up");
        assertThat(run.get("citations").findValuesAsText("source")).containsExactly("vpn.md");
        assertThat(run.get("degraded").asBoolean()).isFalse();
        assertThat(bootstrap.report())
                .hasValueSatisfying(r -> assertThat(r.ingested()).isEqualTo(1));
    }
}
