package com.astradesk.tools.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.ReferenceAgents;
import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.plan.keyword.KeywordRules;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProvider;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.tools.BuiltinToolProvider;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Adding a tool is a one-module change: one provider brings the tool, its agents, its rules and its approval. */
class ToolProviderContributionTest {
    /** A new tool that lives only here: no edit anywhere else offers it, plans it or puts it behind approval. */
    static final class VpnToolProvider implements ToolProvider {
        static final ToolDescriptor RESET_VPN = ToolDescriptor.builder("reset_vpn")
                .withDescription("Resets the caller's VPN profile.")
                .withSideEffect(SideEffect.EXECUTE)
                .withAllowedRoles("it.support")
                .withApprovalInProduction(true)
                .build();

        @Override
        public List<Tool> tools(ToolProviderContext context) {
            return List.of(new Tool() {
                @Override
                public ToolDescriptor descriptor() {
                    return RESET_VPN;
                }

                @Override
                public ToolResult call(ToolCall call) {
                    return ToolResult.of("VPN profile reset.", Map.of());
                }
            });
        }

        @Override
        public Map<String, List<String>> agentTools() {
            return Map.of("support", List.of("reset_vpn"));
        }

        @Override
        public List<URL> keywordRules() {
            return List.of(ToolProviderContributionTest.class.getResource("vpn-keyword-rules.json"));
        }
    }

    /** Offers a tool nobody registers. */
    static final class MisnamedProvider implements ToolProvider {
        @Override
        public List<Tool> tools(ToolProviderContext context) {
            return List.of();
        }

        @Override
        public Map<String, List<String>> agentTools() {
            return Map.of("ops", List.of("restart_servise"));
        }
    }

    private final List<ToolProvider> providers = List.of(new BuiltinToolProvider(), new VpnToolProvider());

    @Test
    void should_offer_plan_and_gate_a_tool_added_through_one_provider_only() {
        // given
        var registry = ToolRegistry.builder();
        providers.forEach(p -> p.tools(ToolProviderContext.empty()).forEach(registry::withTool));
        var planner = KeywordPlanner.builder()
                .withRules(KeywordRules.fromProviders(providers, ServiceCatalog.defaults()))
                .build();
        var deps = new ReferenceAgents.Dependencies(
                registry.build(),
                planner,
                query -> List.of(),
                RunJournal.inMemory(DialogueStore.inMemory(), AuditLog.inMemory(), AuditPublisher.inProcess()),
                ToolProviders.agentTools(providers));

        // when
        Agent support = ReferenceAgents.support(deps);
        Plan plan = planner.plan(new PlanningRequest(
                "Please reset my VPN, it keeps dropping",
                Principal.of("ivy", "it.support"),
                support.tools().stream()
                        .map(name -> deps.tools().find(name).orElseThrow())
                        .toList(),
                null));

        // then
        assertThat(support.tools()).containsExactly("create_ticket", "get_ticket", "reset_vpn");
        assertThat(ReferenceAgents.ops(deps).tools()).doesNotContain("reset_vpn");
        assertThat(plan.steps()).containsExactly(new PlanStep("reset_vpn", Map.of("channel", "self-service")));
        assertThat(ApprovalPolicy.defaults("production").requiresApproval(VpnToolProvider.RESET_VPN, Map.of()))
                .isTrue();
        assertThat(ApprovalPolicy.defaults("development").requiresApproval(VpnToolProvider.RESET_VPN, Map.of()))
                .isFalse();
    }

    @Test
    void should_register_every_tool_a_reference_agent_offers() {
        // given: every provider on the class path, as the server loads them
        List<ToolProvider> discovered = ToolProviders.discovered();

        // then
        assertThat(discovered).isNotEmpty();
        assertThat(ToolProviders.unregisteredAgentTools(discovered, ToolProviderContext.empty()))
                .as("tools a reference agent offers but no provider registers")
                .isEmpty();
        assertThat(ToolProviders.agentTools(discovered)).containsKeys(ReferenceAgents.SUPPORT, ReferenceAgents.OPS);
    }

    @Test
    void should_leave_a_disabled_tool_out_of_the_registry_and_the_agents() {
        // given: the deployment turned get_weather off (WEATHER_URL=none)
        List<ToolProvider> discovered = ToolProviders.discovered();
        ToolProviderContext context = ToolProviderContext.builder()
                .withDisabledTools(List.of("get_weather"))
                .build();

        // when
        List<String> registered = ToolProviders.discoveredTools(context).stream()
                .map(t -> t.descriptor().name())
                .toList();
        Map<String, List<String>> offered = ToolProviders.agentTools(discovered, context);

        // then
        assertThat(registered).doesNotContain("get_weather").contains("get_metrics", "restart_service");
        assertThat(offered.get(ReferenceAgents.OPS)).containsExactly("get_metrics", "restart_service");
        assertThat(ToolProviders.unregisteredAgentTools(discovered, context))
                .as("a disabled tool is neither offered nor missing")
                .isEmpty();
        assertThat(ToolProviders.agentTools(discovered).get(ReferenceAgents.OPS))
                .contains("get_weather");
    }

    @Test
    void should_name_an_offered_tool_no_provider_registers() {
        List<ToolProvider> withTypo = List.of(new BuiltinToolProvider(), new MisnamedProvider());

        assertThat(ToolProviders.unregisteredAgentTools(withTypo, ToolProviderContext.empty()))
                .containsExactly("ops:restart_servise");
    }

    @Test
    void should_name_the_file_and_rule_of_a_malformed_rule_file() {
        URL broken = ToolProviderContributionTest.class.getResource("broken-keyword-rules.json");

        assertThatThrownBy(() -> KeywordRules.load(broken, ServiceCatalog.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("broken-keyword-rules.json")
                .hasMessageContaining("rule 'vpn_reset'")
                .hasMessageContaining("unknown extractor 'vpn_user'");
    }
}
