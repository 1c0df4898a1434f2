package com.astradesk.server.security;

import static com.astradesk.server.security.SecuredFixture.body;
import static com.astradesk.server.security.SecuredFixture.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.ratelimit.RateLimitConfig;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiter;
import org.junit.jupiter.api.Test;

/** 429s show up in astradesk_rate_limit_rejections_total with the scope that refused them. */
class RateLimitMetricsHttpTest {

    @Test
    void should_count_a_principal_bucket_rejection_under_scope_principal() {
        // given one request per minute per principal
        var policy = RateLimitPolicy.of(RateLimitConfig.of(RateLimitRule.perMinute(1)), RateLimiter.inMemory());
        try (var fx = new SecuredFixture(SecuredFixture.limited(policy))) {
            String alice = token("alice", "viewer");

            // when
            fx.http.get("/v1/tools", alice);
            int second = fx.http.get("/v1/tools", alice).statusCode();

            // then
            assertThat(second).isEqualTo(429);
            assertThat(fx.http.get("/metrics", null).body())
                    .contains("astradesk_rate_limit_rejections_total{scope=\"principal\"} 1.0")
                    .contains("astradesk_rate_limit_rejections_total{scope=\"tool\"} 0.0");
        }
    }

    @Test
    void should_count_a_tool_bucket_rejection_under_scope_tool() {
        // given one restart per minute per principal
        var config = RateLimitConfig.of(RateLimitRule.perMinute(100))
                .withToolRule("restart_service", RateLimitRule.perMinute(1));
        try (var fx = new SecuredFixture(SecuredFixture.limited(RateLimitPolicy.of(config, RateLimiter.inMemory())))) {
            String sre = token("sam", "sre");

            // when
            fx.http.postJson("/v1/agents/run", sre, body("restart webapp"));
            int second = fx.http
                    .postJson("/v1/agents/run", sre, body("restart webapp"))
                    .statusCode();

            // then
            assertThat(second).isEqualTo(429);
            assertThat(fx.http.get("/metrics", null).body())
                    .contains("astradesk_rate_limit_rejections_total{scope=\"tool\"} 1.0")
                    .contains("astradesk_rate_limit_rejections_total{scope=\"principal\"} 0.0");
        }
    }
}
