package com.astradesk.core.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.testing.MutableClock;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RateLimitPolicyTest {
    private final RateLimitConfig config = RateLimitConfig.of(RateLimitRule.perMinute(10))
            .withRoleRule("SRE", RateLimitRule.perMinute(100))
            .withRoleRule("it.support", RateLimitRule.perMinute(50))
            .withRoleRule("bot", new RateLimitRule(500, 50, Duration.ofMinutes(1)))
            .withToolRule("restart_service", new RateLimitRule(2, 1, Duration.ofMinutes(10)));
    private final RateLimitPolicy policy =
            RateLimitPolicy.of(config, RateLimiter.inMemory(MutableClock.atEpochOf2026()));

    @ParameterizedTest(name = "roles {0} -> {1}/min")
    @CsvSource({"'', 10", "viewer, 10", "it.support, 50", "sre, 100", "'sre,it.support', 100", "'bot,sre', 100"})
    void should_pick_the_most_generous_rule_of_the_principals_roles(String roles, long perMinute) {
        // given
        Set<String> roleSet = roles.isEmpty() ? Set.of() : Set.of(roles.split(","));
        Principal p = new Principal("u", roleSet, Set.of(), Optional.empty());

        // when
        RateLimitRule rule = policy.ruleFor(p);

        // then
        assertThat(rule.tokensPerSecond() * 60).isCloseTo(perMinute, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void should_limit_each_principal_separately_and_by_tenant() {
        // given
        var tight = RateLimitPolicy.of(
                RateLimitConfig.of(new RateLimitRule(1, 1, Duration.ofHours(1))), RateLimiter.inMemory());
        Principal aliceA = new Principal("alice", Set.of(), Set.of(), Optional.of("a"));
        Principal aliceB = new Principal("alice", Set.of(), Set.of(), Optional.of("b"));
        tight.acquire(aliceA);

        // when / then
        assertThat(tight.acquire(aliceA).allowed()).isFalse();
        assertThat(tight.acquire(aliceB).allowed()).isTrue();
        assertThat(RateLimitPolicy.principalKey(aliceA)).isNotEqualTo(RateLimitPolicy.principalKey(aliceB));
    }

    @Test
    void should_apply_a_tool_rule_only_to_the_tool_that_has_one() {
        // given
        Principal sre = Principal.of("bob", "sre");
        ToolDescriptor restart = ToolDescriptor.builder("restart_service")
                .withSideEffect(SideEffect.EXECUTE)
                .withAllowedRoles("sre")
                .build();
        ToolDescriptor metrics = ToolDescriptor.builder("get_metrics").build();

        // when
        policy.acquireTool(sre, restart.name());
        policy.acquireTool(sre, restart.name());
        Optional<RateLimitDecision> third = policy.acquireTool(sre, restart.name());

        // then
        assertThat(third).hasValueSatisfying(d -> assertThat(d.allowed()).isFalse());
        assertThat(policy.acquireTool(sre, metrics.name())).isEmpty();
        assertThat(policy.acquire(sre).allowed()).isTrue();
    }

    @Test
    void should_reject_invalid_rules_naming_the_parameter() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitRule(0, 1, Duration.ofSeconds(1)))
                .withMessageContaining("capacity");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitRule(1, 0, Duration.ofSeconds(1)))
                .withMessageContaining("refillTokens");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new RateLimitRule(1, 1, Duration.ZERO))
                .withMessageContaining("refillPeriod");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> config.withRoleRule(" ", RateLimitRule.perSecond(1)))
                .withMessageContaining("roleRules");
    }
}
