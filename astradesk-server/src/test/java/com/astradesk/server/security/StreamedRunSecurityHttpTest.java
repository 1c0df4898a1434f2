package com.astradesk.server.security;

import static com.astradesk.server.security.SecuredFixture.body;
import static com.astradesk.server.security.SecuredFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.ratelimit.RateLimitConfig;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import com.astradesk.server.EventStream;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Streamed runs ({@code Accept: text/event-stream}) keep the JSON call's rate limits and approvals. */
class StreamedRunSecurityHttpTest {

    @Test
    void should_refuse_an_empty_principal_bucket_with_a_plain_429_before_any_event() {
        var policy = RateLimitPolicy.of(RateLimitConfig.of(RateLimitRule.perMinute(1)), RateLimiter.inMemory());
        try (var fx = new SecuredFixture(SecuredFixture.limited(policy))) {
            String alice = token("alice", "viewer");

            EventStream first = fx.http.stream("/v1/agents/run", alice, body("status"));
            EventStream second = fx.http.stream("/v1/agents/run", alice, body("status"));

            assertThat(first.names()).endsWith("run.completed");
            assertThat(second.response().statusCode()).isEqualTo(429);
            assertThat(second.response().headers().firstValue("Retry-After")).isPresent();
            assertThat(second.events()).isEmpty();
        }
    }

    @Test
    void should_end_with_a_rate_limited_problem_event_when_an_execute_tool_is_over_its_limit() {
        var config = RateLimitConfig.of(RateLimitRule.perMinute(100))
                .withToolRule("restart_service", RateLimitRule.perMinute(1));
        try (var fx = new SecuredFixture(SecuredFixture.limited(RateLimitPolicy.of(config, RateLimiter.inMemory())))) {
            String sre = token("sam", "sre");

            fx.http.stream("/v1/agents/run", sre, body("restart webapp"));
            EventStream limited = fx.http.stream("/v1/agents/run", sre, body("restart webapp"));

            assertThat(fx.restarts.get()).isEqualTo(1);
            assertThat(limited.names()).startsWith("run.started").endsWith("error");
            JsonNode problem = limited.first("error").orElseThrow().json();
            assertThat(problem.get("status").asInt()).isEqualTo(429);
            assertThat(problem.get("code").asText()).isEqualTo("rate_limited");
        }
    }

    @Test
    void should_stream_a_pending_approval_step_and_complete_with_the_202_body() {
        try (var fx = new SecuredFixture(ServerSecurity.permissive(), Set.of("restart_service"), List.of())) {
            String sre = token("sam", "sre");

            EventStream stream = fx.http.stream("/v1/agents/run", sre, body("restart webapp"));

            JsonNode step = stream.first("step").orElseThrow().json();
            assertThat(step.get("status").asText()).isEqualTo("pending_approval");
            String approvalId = step.get("approval_id").asText();
            JsonNode completed = stream.first("run.completed").orElseThrow().json();
            assertThat(completed.get("status").asText()).isEqualTo("pending_approval");
            assertThat(completed.get("approval_id").asText()).isEqualTo(approvalId);
            assertThat(completed.get("approval_url").asText()).isEqualTo("/v1/approvals/" + approvalId);
            assertThat(fx.restarts.get()).isZero();
        }
    }
}
