package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.security.SecuredFixture.body;
import static com.astradesk.server.security.SecuredFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IdempotencyHttpTest {
    private SecuredFixture fx;
    private final String sre = token("sam", "sre");

    @BeforeEach
    void start() {
        fx = new SecuredFixture(ServerSecurity.permissive());
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private HttpResponse<String> post(String header, String key, String input, String token) {
        return fx.http.send(fx.http
                .request("/v1/agents/run")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header(header, key)
                .POST(HttpRequest.BodyPublishers.ofString(body(input))));
    }

    @Test
    void should_replay_the_stored_response_and_not_run_the_tool_again_for_the_same_key_and_body() {
        HttpResponse<String> first = post("Idempotency-Key", "k-1", "restart webapp", sre);
        HttpResponse<String> again = post("Idempotency-Key", "k-1", "restart webapp", sre);

        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("X-Run-Id"))
                .contains(json(first).get("run_id").asText());
        assertThat(fx.restarts.get()).isEqualTo(1);
    }

    @Test
    void should_pass_a_derived_key_to_the_side_effecting_tool() {
        HttpResponse<String> first = post("Idempotency-Key", "k-derive", "restart webapp", sre);

        String derived =
                json(first).get("steps").get(0).get("result").get("key").asText();
        assertThat(derived).isNotBlank().isNotEqualTo("-").isNotEqualTo("k-derive");
    }

    @Test
    void should_accept_the_seed_header_x_idempotency_key() {
        post("X-Idempotency-Key", "legacy-1", "restart webapp", sre);
        HttpResponse<String> again = post("X-Idempotency-Key", "legacy-1", "restart webapp", sre);

        assertThat(again.headers().firstValue("Idempotent-Replayed")).contains("true");
        assertThat(fx.restarts.get()).isEqualTo(1);
    }

    @Test
    void should_answer_422_when_the_key_is_reused_with_another_body() {
        post("Idempotency-Key", "k-2", "restart webapp", sre);

        HttpResponse<String> other = post("Idempotency-Key", "k-2", "restart payments", sre);

        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(json(other).get("code").asText()).isEqualTo("idempotency_key_reused");
        assertThat(fx.restarts.get()).isEqualTo(1);
    }

    @Test
    void should_scope_keys_per_principal() {
        String otherSre = token("sara", "sre");
        post("Idempotency-Key", "shared", "restart webapp", sre);

        HttpResponse<String> other = post("Idempotency-Key", "shared", "restart webapp", otherSre);

        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(fx.restarts.get()).isEqualTo(2);
    }

    @Test
    void should_run_once_when_two_requests_with_one_key_arrive_together() {
        fx.restartDelay = Duration.ofMillis(700);
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> post("Idempotency-Key", "race", "restart webapp", sre)));
        }
        List<HttpResponse<String>> responses =
                calls.stream().map(CompletableFuture::join).toList();

        assertThat(fx.restarts.get()).isEqualTo(1);
        assertThat(responses)
                .extracting(HttpResponse::statusCode)
                .allSatisfy(s -> assertThat(s).isIn(200, 409));
        assertThat(responses).extracting(HttpResponse::statusCode).contains(200);
        List<String> okBodies = responses.stream()
                .filter(r -> r.statusCode() == 200)
                .map(HttpResponse::body)
                .distinct()
                .toList();
        assertThat(okBodies).hasSize(1);
    }

    @Test
    void should_reject_a_malformed_key_with_400() {
        HttpResponse<String> bad = post("Idempotency-Key", "has space", "restart webapp", sre);

        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(json(bad).get("code").asText()).isEqualTo("invalid_idempotency_key");
        assertThat(fx.restarts.get()).isZero();
    }
}
