package com.astradesk.core.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.TestDocuments;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.FakeTool;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReferenceAgentsTest {
    private static final Principal SRE = Principal.of("olga", "sre");
    private static final Principal VIEWER = Principal.of("victor", "viewer");

    /** A run journal that remembers each call and stores through the in-memory ports. */
    static class RecordingJournal implements RunJournal {
        record Call(DialogueRecord dialogue, List<AuditRecord> audits) {}

        final List<Call> calls = new CopyOnWriteArrayList<>();
        final AuditLog auditLog = AuditLog.inMemory();
        private final RunJournal delegate =
                RunJournal.inMemory(DialogueStore.inMemory(), auditLog, AuditPublisher.inProcess());

        @Override
        public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
            calls.add(new Call(dialogue, List.copyOf(audits)));
            return delegate.record(dialogue, audits);
        }

        @Override
        public List<AuditRecord> recordEvents(List<AuditRecord> audits) {
            return delegate.recordEvents(audits);
        }
    }

    private final FakeTool createTicket = FakeTool.echo(ToolDescriptor.builder("create_ticket")
            .withSideEffect(SideEffect.WRITE)
            .withAllowedRoles("it.support", "sre")
            .withArgumentsSchema(Map.of(
                    "type", "object",
                    "required", List.of("title"),
                    "properties", Map.of("title", Map.of("type", "string", "maxLength", 120))))
            .build());
    private final FakeTool getTicket = FakeTool.echo(ToolDescriptor.builder("get_ticket")
            .withAllowedRoles("it.support", "sre")
            .build());
    private final FakeTool getMetrics = new FakeTool(
            ToolDescriptor.builder("get_metrics").build(),
            call -> ToolResult.of("payments-api: p95 latency 180 ms over 15m.", Map.of("p95_ms", 180)));
    private final FakeTool restartService = FakeTool.echo(ToolDescriptor.builder("restart_service")
            .withSideEffect(SideEffect.EXECUTE)
            .withAllowedRoles("sre")
            .build());
    private final FakeTool getWeather =
            new FakeTool(ToolDescriptor.builder("get_weather").build(), call -> {
                throw new ToolFailureException("get_weather", "weather service unavailable");
            });

    private final ToolRegistry registry = ToolRegistry.builder()
            .withTool(createTicket)
            .withTool(getTicket)
            .withTool(getMetrics)
            .withTool(restartService)
            .withTool(getWeather)
            .build();
    private final RecordingJournal journal = new RecordingJournal();
    private final Embedder embedder = Embedder.hashing(512);
    private final KnowledgeIndex knowledge = KnowledgeIndex.inMemory(embedder);
    private final AtomicReference<Function<PlanningRequest, Plan>> planning =
            new AtomicReference<>(request -> Plan.empty());
    private final Planner planner = request -> planning.get().apply(request);
    /** What astradesk-tools' provider contributes; core's tests have no provider that offers agent tools. */
    private static final Map<String, List<String>> AGENT_TOOLS = Map.of(
            "support", List.of("create_ticket", "get_ticket"),
            "ops", List.of("get_metrics", "restart_service", "get_weather"));

    private final ReferenceAgents.Dependencies deps =
            new ReferenceAgents.Dependencies(registry, planner, knowledge, journal, AGENT_TOOLS);

    private void plan(PlanStep... steps) {
        planning.set(request -> Plan.of(List.of(steps)));
    }

    private static PlanStep step(String tool, Map<String, Object> args) {
        return new PlanStep(tool, args);
    }

    @Test
    void should_name_the_reference_agents_and_their_tools() {
        // when
        Agent support = ReferenceAgents.support(deps);
        Agent ops = ReferenceAgents.ops(deps);

        // then
        assertThat(support.name()).isEqualTo("support");
        assertThat(support.description()).contains("tickets + knowledge");
        assertThat(support.tools()).containsExactly("create_ticket", "get_ticket");
        assertThat(ops.name()).isEqualTo("ops");
        assertThat(ops.tools()).containsExactly("get_metrics", "restart_service", "get_weather");
        assertThat(ops.description()).isEqualTo("SRE/ops: service metrics, restarts and weather");
        assertThat(ReferenceAgents.all(deps)).extracting(Agent::name).containsExactly("support", "ops");
    }

    @Test
    void should_not_describe_the_ops_agent_with_a_tool_it_does_not_offer() {
        // given: a deployment that turned the weather off (WEATHER_URL=none): ops offers only metrics and restarts
        var withoutWeather = new ReferenceAgents.Dependencies(
                registry,
                planner,
                knowledge,
                journal,
                Map.of(
                        "support",
                        List.of("create_ticket", "get_ticket"),
                        "ops",
                        List.of("get_metrics", "restart_service")));

        // when
        Agent ops = ReferenceAgents.ops(withoutWeather);

        // then
        assertThat(ops.tools()).containsExactly("get_metrics", "restart_service");
        assertThat(ops.description()).isEqualTo("SRE/ops: service metrics and restarts");
    }

    @Test
    void should_fail_to_build_when_a_reference_tool_is_not_registered() {
        // given
        ToolRegistry onlyTickets = ToolRegistry.builder().withTool(createTicket).build();
        var incomplete =
                new ReferenceAgents.Dependencies(onlyTickets, planner, query -> List.of(), journal, AGENT_TOOLS);

        // when / then
        assertThatThrownBy(() -> ReferenceAgents.support(incomplete))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("get_ticket");
        assertThatThrownBy(() -> ReferenceAgents.ops(incomplete))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("get_metrics");
    }

    @Test
    void should_offer_the_planner_every_tool_of_the_agent() {
        // given
        AtomicReference<PlanningRequest> seen = new AtomicReference<>();
        planning.set(request -> {
            seen.set(request);
            return Plan.empty();
        });

        // when
        ReferenceAgents.ops(deps).run(AgentRequest.of("restart payments"), VIEWER);

        // then
        assertThat(seen.get().tools())
                .extracting(ToolDescriptor::name)
                .containsExactly("get_metrics", "restart_service", "get_weather");
        assertThat(seen.get().principal()).isEqualTo(VIEWER);
    }

    @Test
    void should_map_ok_denied_and_error_steps_and_say_what_each_did() {
        // given
        plan(
                step("get_metrics", Map.of("service", "payments-api")),
                step("restart_service", Map.of("service", "payments-api")),
                step("get_weather", Map.of("city", "Gdańsk")));

        // when
        AgentResult result =
                ReferenceAgents.ops(deps).run(AgentRequest.of("metrics, restart and weather please"), VIEWER);

        // then
        assertThat(result.steps())
                .extracting(StepResult::tool, StepResult::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("get_metrics", CallStatus.OK),
                        org.assertj.core.groups.Tuple.tuple("restart_service", CallStatus.DENIED),
                        org.assertj.core.groups.Tuple.tuple("get_weather", CallStatus.ERROR));
        assertThat(result.usedTools()).containsExactly("get_metrics");
        assertThat(result.steps().get(0).result()).contains(Map.of("p95_ms", 180));
        assertThat(result.deniedSteps())
                .singleElement()
                .satisfies(s ->
                        assertThat(s.denial().orElseThrow().requiredRoles()).containsExactly("sre"));
        assertThat(result.steps().get(2).error()).contains("weather service unavailable");
        assertThat(restartService.calls()).isZero();
        assertThat(result.output())
                .isEqualTo("payments-api: p95 latency 180 ms over 15m.\n"
                        + "Denied: restart_service requires one of the roles: sre.\n"
                        + "Tool get_weather failed: weather service unavailable");
        assertThat(result.citations()).isEmpty();
    }

    @Test
    void should_answer_in_polish_when_asked_in_polish() {
        // given
        plan(step("restart_service", Map.of("service", "webapp")));

        // when
        AgentResult result = ReferenceAgents.ops(deps).run(AgentRequest.of("Zrestartuj usługę webapp"), VIEWER);

        // then
        assertThat(result.output()).isEqualTo("Odmowa: narzędzie restart_service wymaga jednej z ról: sre.");
    }

    @Test
    void should_record_dialogue_and_audit_records_in_one_journal_call() {
        // given
        plan(step("get_metrics", Map.of()), step("restart_service", Map.of("service", "webapp")));
        var request = new AgentRequest(
                "restart webapp", Map.of("channel", "chat"), "req-7", Optional.empty(), Optional.of("trace-7"));

        // when
        AgentResult result = ReferenceAgents.ops(deps).run(request, VIEWER);

        // then
        assertThat(journal.calls).hasSize(1);
        RecordingJournal.Call call = journal.calls.get(0);
        assertThat(call.dialogue().runId()).isEqualTo(result.runId());
        assertThat(call.dialogue().agent()).isEqualTo("ops");
        assertThat(call.dialogue().actor()).isEqualTo("victor");
        assertThat(call.dialogue().answer()).isEqualTo(result.output());
        assertThat(call.dialogue().meta()).containsEntry("channel", "chat").containsEntry("request_id", "req-7");
        assertThat(call.audits())
                .extracting(AuditRecord::action, AuditRecord::decision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("get_metrics", AuditDecision.ALLOWED),
                        org.assertj.core.groups.Tuple.tuple("restart_service", AuditDecision.DENIED),
                        org.assertj.core.groups.Tuple.tuple("agents.run", AuditDecision.ALLOWED));
        assertThat(call.audits()).allSatisfy(a -> {
            assertThat(a.runId()).contains(result.runId());
            assertThat(a.requestId()).contains("req-7");
        });
        AuditRecord runRecord = call.audits().get(2);
        assertThat(runRecord.traceId()).contains("trace-7");
        assertThat(runRecord.args()).containsEntry("agent", "ops").containsEntry("used_tools", List.of("get_metrics"));
        assertThat(journal.auditLog.forRun(result.runId())).hasSize(3);
    }

    @Test
    void should_derive_distinct_stable_idempotency_keys_per_step_from_the_callers_key() {
        // given
        plan(step("create_ticket", Map.of("title", "A")), step("create_ticket", Map.of("title", "B")));
        Agent support = ReferenceAgents.support(deps);

        // when
        List<Optional<String>> first = keysOfOneRun(support, "caller-key-1");
        List<Optional<String>> again = keysOfOneRun(support, "caller-key-1");
        List<Optional<String>> other = keysOfOneRun(support, "caller-key-2");
        List<Optional<String>> none = keysOfOneRun(support, null);

        // then
        assertThat(first).hasSize(2).allSatisfy(k -> assertThat(k).isPresent());
        assertThat(first.get(0)).isNotEqualTo(first.get(1));
        assertThat(first).doesNotContain(Optional.of("caller-key-1"));
        assertThat(again).isEqualTo(first);
        assertThat(other).doesNotContainAnyElementsOf(first);
        assertThat(none).containsExactly(Optional.empty(), Optional.empty());
    }

    private List<Optional<String>> keysOfOneRun(Agent agent, String callerKey) {
        int before = createTicket.received().size();
        agent.run(
                new AgentRequest("open two tickets", Map.of(), "r", Optional.ofNullable(callerKey), Optional.empty()),
                SRE);
        return createTicket.received().stream()
                .skip(before)
                .map(com.astradesk.core.tool.ToolCall::idempotencyKey)
                .toList();
    }

    @Test
    void should_answer_knowledge_questions_with_an_excerpt_and_cited_sources() {
        // given
        TestDocuments.index(
                knowledge,
                embedder,
                "kb/password.md",
                "Passwords expire every 90 days. To reset your password, open the self-service portal and choose"
                        + " Forgot password. The portal sends a code to your phone.",
                Set.of());
        TestDocuments.index(
                knowledge, embedder, "kb/printer.md", "Printers on floor 3 are managed by facilities.", Set.of());

        // when
        AgentResult result = ReferenceAgents.support(deps).run(AgentRequest.of("How do I reset my password?"), VIEWER);

        // then
        assertThat(result.steps()).isEmpty();
        assertThat(result.citations()).isNotEmpty();
        assertThat(result.citations().get(0).source()).isEqualTo("kb/password.md");
        assertThat(result.output())
                .startsWith("From the knowledge base:\nTo reset your password, open the self-service portal")
                .contains(" [1]")
                .endsWith("Sources: [1] kb/password.md");
    }

    @Test
    void should_answer_knowledge_questions_in_polish_with_polish_labels() {
        // given
        TestDocuments.index(
                knowledge,
                embedder,
                "kb/haslo.md",
                "Hasło zresetujesz w portalu samoobsługowym. Wybierz opcję Nie pamiętam hasła.",
                Set.of());

        // when
        AgentResult result = ReferenceAgents.support(deps).run(AgentRequest.of("Jak zresetować hasło?"), VIEWER);

        // then
        assertThat(result.output())
                .startsWith("Według bazy wiedzy:\nHasło zresetujesz w portalu samoobsługowym.")
                .endsWith("Źródła: [1] kb/haslo.md");
    }

    @Test
    void should_say_honestly_when_the_knowledge_base_has_no_answer() {
        // when
        AgentResult result = ReferenceAgents.support(deps).run(AgentRequest.of("quarterly sales forecast"), VIEWER);

        // then
        assertThat(result.output()).startsWith("I don't know — the knowledge base has no answer");
        assertThat(result.citations()).isEmpty();
    }

    @Test
    void should_ask_the_planners_question_instead_of_running_anything() {
        // given
        planning.set(request -> Plan.clarify("Which service should I restart?"));

        // when
        AgentResult result = ReferenceAgents.ops(deps).run(AgentRequest.of("restart it"), SRE);

        // then
        assertThat(result.output()).isEqualTo("Which service should I restart?");
        assertThat(result.steps()).isEmpty();
        assertThat(restartService.calls()).isZero();
    }

    @Test
    void should_propagate_the_degraded_flag_of_the_plan() {
        // given
        planning.set(request -> Plan.of(List.of(step("get_metrics", Map.of()))).degraded("model unavailable"));

        // when
        AgentResult result = ReferenceAgents.ops(deps).run(AgentRequest.of("metrics"), SRE);

        // then
        assertThat(result.degraded()).isTrue();
        assertThat(result.degradedReason()).contains("model unavailable");
        assertThat(journal.calls.get(0).dialogue().meta()).containsEntry("degraded", true);
    }

    @Test
    void should_fall_back_to_a_degraded_empty_plan_when_the_planner_throws() {
        // given
        planning.set(request -> {
            throw new IllegalStateException("model timed out");
        });

        // when
        AgentResult result = ReferenceAgents.ops(deps).run(AgentRequest.of("restart webapp"), SRE);

        // then
        assertThat(result.degraded()).isTrue();
        assertThat(result.degradedReason()).contains("planner failed");
        assertThat(result.steps()).isEmpty();
        assertThat(restartService.calls()).isZero();
        assertThat(journal.calls).hasSize(1);
    }

    @Test
    void should_refuse_and_audit_a_step_for_a_tool_the_agent_does_not_offer() {
        // given
        plan(step("restart_service", Map.of("service", "webapp")));

        // when
        AgentResult result = ReferenceAgents.support(deps).run(AgentRequest.of("restart webapp"), SRE);

        // then
        assertThat(result.steps()).singleElement().satisfies(s -> {
            assertThat(s.status()).isEqualTo(CallStatus.ERROR);
            assertThat(s.error()).contains("tool 'restart_service' is not available to agent 'support'");
        });
        assertThat(restartService.calls()).isZero();
        assertThat(journal.calls.get(0).audits())
                .extracting(AuditRecord::action, AuditRecord::decision)
                .contains(org.assertj.core.groups.Tuple.tuple("restart_service", AuditDecision.ERROR));
    }

    @Test
    void should_fail_the_run_with_an_astradesk_exception_when_the_journal_fails() {
        // given
        RunJournal broken = new RecordingJournal() {
            @Override
            public List<AuditRecord> record(DialogueRecord dialogue, List<AuditRecord> audits) {
                throw new IllegalStateException("database is down");
            }
        };
        Agent ops = ReferenceAgents.ops(
                new ReferenceAgents.Dependencies(registry, planner, knowledge, broken, AGENT_TOOLS));

        // when / then
        assertThatThrownBy(() -> ops.run(AgentRequest.of("metrics"), SRE))
                .isInstanceOf(AstraDeskException.class)
                .hasMessageContaining("could not record run");
    }
}
