package com.astradesk.core.plan.llm;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.memory.RecordingRunJournal;
import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.PolicyDecision;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolPolicy;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A custom policy decides listing, the LLM prompt and execution alike. */
class PolicyAgreementTest {
    /** Contractors may not restart anything, whatever their roles. */
    private static final ToolPolicy NO_CONTRACTOR_RESTARTS = (principal, tool) ->
            tool.name().equals("restart_service") && principal.subject().startsWith("contractor-")
                    ? PolicyDecision.deny(Set.of("employee"), "contractors may not restart services")
                    : ToolPolicy.roleBased().decideAccess(principal, tool);

    private final ToolRegistry registry = ToolRegistry.builder()
            .withPolicy(NO_CONTRACTOR_RESTARTS)
            .withTool(FakeTool.echo(ToolDescriptor.builder("get_metrics")
                    .withDescription("Reads metrics")
                    .build()))
            .withTool(FakeTool.echo(ToolDescriptor.builder("restart_service")
                    .withDescription("Restarts a service")
                    .withSideEffect(SideEffect.EXECUTE)
                    .withAllowedRoles("sre")
                    .build()))
            .build();
    private final ScriptedGateway gateway = new ScriptedGateway();
    private final Agent agent = Agent.builder("ops")
            .withToolRegistry(registry)
            .withTools(List.of("get_metrics", "restart_service"))
            .withPlanner(LlmPlanner.builder()
                    .withGateway(gateway)
                    .withFallback(request -> Plan.empty())
                    .build())
            .withRunJournal(new RecordingRunJournal())
            .build();

    private Set<String> listed(Principal who) {
        return registry.availableTo(who).stream().map(ToolDescriptor::name).collect(Collectors.toSet());
    }

    private String prompt(Principal who) {
        gateway.answer("{\"steps\":[],\"clarification\":null}");
        agent.run(AgentRequest.of("restart webapp"), who);
        return gateway.requests.get(gateway.requests.size() - 1).messages().stream()
                .map(ChatMessage::content)
                .collect(Collectors.joining("\n"));
    }

    @Test
    void should_hide_list_and_refuse_the_tool_alike_for_a_principal_the_policy_refuses() {
        Principal contractor = Principal.of("contractor-7", "sre");

        assertThat(listed(contractor)).containsExactly("get_metrics");
        assertThat(prompt(contractor)).contains("get_metrics").doesNotContain("restart_service");
        assertThat(registry.execute(ToolCall.of("restart_service", Map.of(), contractor))
                        .outcome())
                .isEqualTo(CallOutcome.DENIED_ROLE);
    }

    @Test
    void should_offer_list_and_run_the_tool_alike_for_a_principal_the_policy_allows() {
        Principal employee = Principal.of("sam", "sre");

        assertThat(listed(employee)).containsExactlyInAnyOrder("get_metrics", "restart_service");
        assertThat(prompt(employee)).contains("get_metrics").contains("restart_service");
        assertThat(registry.execute(ToolCall.of("restart_service", Map.of(), employee))
                        .outcome())
                .isEqualTo(CallOutcome.OK);
    }
}
