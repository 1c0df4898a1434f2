package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static com.astradesk.server.security.SecuredFixture.body;
import static com.astradesk.server.security.SecuredFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.RateLimitConfig;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import com.astradesk.core.store.redis.RedisRateLimiter;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;

class RateLimitHttpTest {

    @Test
    void should_answer_429_with_retry_after_and_ratelimit_headers_when_the_principal_bucket_is_empty() {
        // given 3 requests per minute per principal
        var policy = RateLimitPolicy.of(RateLimitConfig.of(RateLimitRule.perMinute(3)), RateLimiter.inMemory());
        try (var fx = new SecuredFixture(SecuredFixture.limited(policy))) {
            String alice = token("alice", "viewer");
            // when
            HttpResponse<String> first = fx.http.get("/v1/tools", alice);
            fx.http.get("/v1/tools", alice);
            fx.http.get("/v1/tools", alice);
            HttpResponse<String> fourth = fx.http.get("/v1/tools", alice);
            HttpResponse<String> otherPrincipal = fx.http.get("/v1/tools", token("bob", "viewer"));
            // then
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("RateLimit-Limit")).contains("3");
            assertThat(first.headers().firstValue("RateLimit-Remaining")).contains("2");
            assertThat(fourth.statusCode()).isEqualTo(429);
            assertThat(fourth.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(json(fourth).get("code").asText()).isEqualTo("rate_limited");
            long retryAfter =
                    Long.parseLong(fourth.headers().firstValue("Retry-After").orElseThrow());
            assertThat(retryAfter).isBetween(1L, 20L);
            assertThat(fourth.headers().firstValue("RateLimit-Remaining")).contains("0");
            assertThat(fourth.headers().firstValue("RateLimit-Reset")).isPresent();
            assertThat(otherPrincipal.statusCode()).isEqualTo(200);
        }
    }

    @Test
    void should_give_a_role_its_own_more_generous_limit() {
        var config = RateLimitConfig.of(RateLimitRule.perMinute(1)).withRoleRule("sre", RateLimitRule.perMinute(5));
        try (var fx = new SecuredFixture(SecuredFixture.limited(RateLimitPolicy.of(config, RateLimiter.inMemory())))) {
            String sre = token("sam", "sre");
            String viewer = token("vera", "viewer");

            int sreOk = 0;
            for (int i = 0; i < 5; i++) {
                sreOk += fx.http.get("/v1/tools", sre).statusCode() == 200 ? 1 : 0;
            }
            fx.http.get("/v1/tools", viewer);
            HttpResponse<String> viewerSecond = fx.http.get("/v1/tools", viewer);

            assertThat(sreOk).isEqualTo(5);
            assertThat(fx.http.get("/v1/tools", sre).statusCode()).isEqualTo(429);
            assertThat(viewerSecond.statusCode()).isEqualTo(429);
        }
    }

    @Test
    void should_limit_each_execute_tool_per_principal_without_running_it_over_the_limit() {
        var config = RateLimitConfig.of(RateLimitRule.perMinute(100))
                .withToolRule("restart_service", RateLimitRule.perMinute(2));
        try (var fx = new SecuredFixture(SecuredFixture.limited(RateLimitPolicy.of(config, RateLimiter.inMemory())))) {
            String sre = token("sam", "sre");

            int first = fx.http
                    .postJson("/v1/agents/run", sre, body("restart webapp"))
                    .statusCode();
            int second = fx.http
                    .postJson("/v1/agents/run", sre, body("restart webapp"))
                    .statusCode();
            HttpResponse<String> third = fx.http.postJson("/v1/agents/run", sre, body("restart webapp"));
            int readStillFine =
                    fx.http.postJson("/v1/agents/run", sre, body("status")).statusCode();

            assertThat(first).isEqualTo(200);
            assertThat(second).isEqualTo(200);
            assertThat(third.statusCode()).as(third.body()).isEqualTo(429);
            assertThat(third.headers().firstValue("Retry-After")).isPresent();
            assertThat(fx.restarts.get()).isEqualTo(2);
            assertThat(readStillFine).isEqualTo(200);
            JsonNode problem = json(third);
            assertThat(problem.get("code").asText()).isEqualTo("rate_limited");
            assertThat(problem.get("tool").asText()).isEqualTo("restart_service");
            assertThat(problem.get("steps").get(0).get("status").asText()).isEqualTo("rate_limited");
            assertThat(third.headers().firstValue("X-Run-Id"))
                    .contains(problem.get("run_id").asText());
        }
    }

    @Test
    void should_answer_429_with_the_steps_that_ran_and_journal_the_run_when_a_later_step_is_limited() {
        var config = RateLimitConfig.of(RateLimitRule.perMinute(100))
                .withToolRule("restart_service", RateLimitRule.perMinute(1));
        try (var fx = new SecuredFixture(SecuredFixture.limited(RateLimitPolicy.of(config, RateLimiter.inMemory())))) {
            String sre = token("sam", "sre");
            fx.http.postJson("/v1/agents/run", sre, body("restart webapp"));

            HttpResponse<String> limited = fx.http.postJson("/v1/agents/run", sre, body("status then restart webapp"));

            assertThat(limited.statusCode()).as(limited.body()).isEqualTo(429);
            JsonNode problem = json(limited);
            assertThat(problem.get("steps")).hasSize(2);
            assertThat(problem.get("steps").get(0).get("status").asText()).isEqualTo("ok");
            assertThat(problem.get("steps").get(1).get("status").asText()).isEqualTo("rate_limited");
            assertThat(problem.get("steps").get(1).get("retry_after").asLong()).isPositive();
            assertThat(fx.statusCalls.get())
                    .as("the step after the limited one did not run")
                    .isEqualTo(1);
            String runId = problem.get("run_id").asText();
            assertThat(fx.auditLog.forRun(runId))
                    .extracting(r -> r.action() + ":"
                            + r.args().getOrDefault("outcome", r.decision().wireName()))
                    .containsExactly("get_status:ok", "restart_service:rate_limited", "agents.run:allowed");
        }
    }

    @Test
    void should_refuse_with_503_when_redis_is_down_and_the_limiter_fails_closed() {
        try (RedisClient dead =
                RedisClient.builder().hostAndPort("127.0.0.1", 1).build()) {
            var closed = RateLimitPolicy.of(
                    RateLimitConfig.defaults().withFailureMode(FailureMode.CLOSED),
                    new RedisRateLimiter(dead, FailureMode.CLOSED));
            try (var fx = new SecuredFixture(SecuredFixture.limited(closed))) {
                HttpResponse<String> refused = fx.http.get("/v1/tools", token("alice", "viewer"));

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
                assertThat(json(refused).get("code").asText()).isEqualTo("service_unavailable");
            }
        }
    }

    @Test
    void should_let_requests_through_when_redis_is_down_and_the_limiter_fails_open() {
        try (RedisClient dead =
                RedisClient.builder().hostAndPort("127.0.0.1", 1).build()) {
            var open = RateLimitPolicy.of(RateLimitConfig.defaults(), new RedisRateLimiter(dead, FailureMode.OPEN));
            try (var fx = new SecuredFixture(SecuredFixture.limited(open))) {
                HttpResponse<String> passed = fx.http.get("/v1/tools", token("alice", "viewer"));

                assertThat(passed.statusCode()).isEqualTo(200);
                assertThat(passed.headers().firstValue("RateLimit-Limit")).contains("60");
            }
        }
    }
}
