package com.astradesk.core.tool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ToolRegistryTest {
    private static final Map<String, Object> TICKET_SCHEMA = Map.of(
            "type",
            "object",
            "required",
            List.of("title"),
            "additionalProperties",
            false,
            "properties",
            Map.of(
                    "title", Map.of("type", "string", "maxLength", 120),
                    "description", Map.of("type", "string"),
                    "priority", Map.of("enum", List.of("low", "medium", "high"), "default", "medium")));

    private final List<AuditRecord> audits = new CopyOnWriteArrayList<>();

    private static ToolDescriptor createTicket() {
        return ToolDescriptor.builder("create_ticket")
                .withDescription("Opens a ticket")
                .withSideEffect(SideEffect.WRITE)
                .withAllowedRoles("it.support", "sre")
                .withArgumentsSchema(TICKET_SCHEMA)
                .build();
    }

    private static ToolDescriptor restartService() {
        return ToolDescriptor.builder("restart_service")
                .withSideEffect(SideEffect.EXECUTE)
                .withAllowedRoles("SRE")
                .build();
    }

    private static ToolDescriptor getWeather() {
        return ToolDescriptor.builder("get_weather").build();
    }

    private ToolRegistry registry(Tool... tools) {
        var builder = ToolRegistry.builder().withAuditSink(audits::add);
        for (Tool t : tools) {
            builder.withTool(t);
        }
        return builder.build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"sre", "SRE", "It.Support", "IT.SUPPORT"})
    void should_run_write_tool_when_caller_holds_an_allowed_role_in_any_case(String role) {
        // given
        FakeTool tool = FakeTool.echo(createTicket());
        ToolRegistry registry = registry(tool);

        // when
        ToolOutcome outcome =
                registry.execute(ToolCall.of("create_ticket", Map.of("title", "VPN down"), Principal.of("u", role)));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.OK);
        assertThat(tool.calls()).isEqualTo(1);
        assertThat(outcome.result()).map(ToolResult::summary).contains("did create_ticket");
    }

    @Test
    void should_deny_restart_without_running_it_when_caller_lacks_sre_role() {
        // given
        FakeTool tool = FakeTool.echo(restartService());
        ToolRegistry registry = registry(tool);

        // when
        ToolOutcome outcome = registry.execute(
                ToolCall.of("restart_service", Map.of("service", "webapp"), Principal.of("viewer", "it.support")));

        // then
        assertThat(tool.calls()).isZero();
        assertThat(outcome.status()).isEqualTo(CallStatus.DENIED);
        assertThat(outcome.result()).isEmpty();
        ToolDenial denial = outcome.denial().orElseThrow();
        assertThat(denial.tool()).isEqualTo("restart_service");
        assertThat(denial.requiredRoles()).containsExactly("sre");
        assertThat(denial.reason()).contains("restart_service").contains("sre");
    }

    @Test
    void should_audit_a_denied_call_with_decision_denied_and_the_required_roles() {
        // given
        ToolRegistry registry = registry(FakeTool.echo(restartService()));
        Principal viewer =
                new Principal("viewer", java.util.Set.of("viewer"), java.util.Set.of(), java.util.Optional.of("acme"));

        // when
        ToolOutcome outcome = registry.execute(ToolCall.of("restart_service", Map.of("service", "webapp"), viewer));

        // then
        assertThat(audits).hasSize(1);
        AuditRecord record = audits.get(0);
        assertThat(record).isEqualTo(outcome.audit());
        assertThat(record.decision()).isEqualTo(AuditDecision.DENIED);
        assertThat(record.actor()).isEqualTo("viewer");
        assertThat(record.tenant()).contains("acme");
        assertThat(record.tool()).contains("restart_service");
        assertThat(record.sideEffect()).contains("execute");
        assertThat(record.args())
                .containsEntry("arguments", Map.of("service", "webapp"))
                .containsEntry("required_roles", List.of("sre"));
    }

    @Test
    void should_audit_an_allowed_call_with_its_run_and_request_ids() {
        // given
        ToolRegistry registry = registry(FakeTool.echo(getWeather()));
        ToolCall call = ToolCall.builder()
                .withTool("get_weather")
                .withArguments(Map.of("city", "Kraków"))
                .withPrincipal(Principal.of("alice"))
                .withRunId("run-1")
                .withRequestId("req-1")
                .build();

        // when
        registry.execute(call);

        // then
        assertThat(audits).singleElement().satisfies(r -> {
            assertThat(r.decision()).isEqualTo(AuditDecision.ALLOWED);
            assertThat(r.action()).isEqualTo("get_weather");
            assertThat(r.runId()).contains("run-1");
            assertThat(r.requestId()).contains("req-1");
            assertThat(r.args()).containsEntry("arguments", Map.of("city", "Kraków"));
        });
    }

    @Test
    void should_send_the_audit_record_to_the_given_sink_instead_of_the_default_one() {
        // given
        ToolRegistry registry = registry(FakeTool.echo(getWeather()));
        List<AuditRecord> runBuffer = new CopyOnWriteArrayList<>();

        // when
        registry.execute(ToolCall.of("get_weather", Map.of(), Principal.of("alice")), runBuffer::add);

        // then
        assertThat(runBuffer).hasSize(1);
        assertThat(audits).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = SideEffect.class,
            names = {"WRITE", "EXECUTE"})
    void should_refuse_to_register_a_side_effecting_tool_without_roles(SideEffect effect) {
        // given
        FakeTool tool = FakeTool.echo(
                ToolDescriptor.builder("delete_all").withSideEffect(effect).build());

        // when / then
        assertThatThrownBy(() -> registry(tool))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("delete_all")
                .hasMessageContaining("allowed_roles");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Create_Ticket",
                "1tool",
                "get-metrics",
                "",
                "with space",
                "x" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcdefghij" + "abcd"
            })
    void should_refuse_a_tool_name_that_is_not_lower_snake_case(String name) {
        assertThatThrownBy(() -> ToolDescriptor.builder(name).build())
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("tool name must match");
    }

    @Test
    void should_refuse_a_second_tool_with_the_same_name() {
        // given
        ToolRegistry registry = registry(FakeTool.echo(getWeather()));

        // when / then
        assertThatThrownBy(() -> registry.register(FakeTool.echo(getWeather())))
                .isInstanceOf(ToolRegistrationException.class)
                .hasMessageContaining("already registered");
        assertThat(registry.descriptors()).hasSize(1);
    }

    @Test
    void should_refuse_a_tool_whose_schema_is_not_a_valid_json_schema() {
        // given
        FakeTool tool = FakeTool.echo(ToolDescriptor.builder("broken")
                .withArgumentsSchema(Map.of("type", 42))
                .build());

        // when / then
        assertThatThrownBy(() -> registry(tool)).isInstanceOf(ToolRegistrationException.class);
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("invalidTicketArguments")
    void should_reject_invalid_arguments_naming_the_field_without_running_the_tool(
            Map<String, Object> arguments, String expectedProblem) {
        // given
        FakeTool tool = FakeTool.echo(createTicket());
        ToolRegistry registry = registry(tool);

        // when
        ToolOutcome outcome = registry.execute(ToolCall.of("create_ticket", arguments, Principal.of("u", "sre")));

        // then
        assertThat(tool.calls()).isZero();
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error())
                .hasValueSatisfying(e -> assertThat(e)
                        .startsWith("invalid arguments for 'create_ticket': ")
                        .contains(expectedProblem));
        assertThat(audits)
                .singleElement()
                .satisfies(r -> assertThat(r.decision()).isEqualTo(AuditDecision.ERROR));
    }

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> invalidTicketArguments() {
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of(
                        Map.of("description", "x"), "$.title: required property 'title' not found"),
                org.junit.jupiter.params.provider.Arguments.of(
                        Map.of("title", 42), "$.title: integer found, string expected"),
                org.junit.jupiter.params.provider.Arguments.of(
                        Map.of("title", "x".repeat(121)), "$.title: must be at most 120 characters long"),
                org.junit.jupiter.params.provider.Arguments.of(
                        Map.of("title", "t", "priority", "urgent"),
                        "$.priority: does not have a value in the enumeration"),
                org.junit.jupiter.params.provider.Arguments.of(
                        Map.of("title", "t", "owner", "bob"), "$.owner: property 'owner' is not defined"));
    }

    @Test
    void should_apply_schema_defaults_before_the_tool_runs() {
        // given
        FakeTool tool = FakeTool.echo(createTicket());
        ToolRegistry registry = registry(tool);

        // when
        ToolOutcome outcome = registry.execute(
                ToolCall.of("create_ticket", Map.of("title", "Printer jam"), Principal.of("u", "sre")));

        // then
        assertThat(tool.lastCall().arguments()).containsEntry("priority", "medium");
        assertThat(outcome.arguments()).containsEntry("priority", "medium");
    }

    @Test
    void should_report_a_failing_tool_as_error_without_leaking_the_exception_text() {
        // given
        FakeTool tool = new FakeTool(getWeather(), call -> {
            throw new IllegalStateException("jdbc:postgresql://db?password=hunter2 refused");
        });
        ToolRegistry registry = registry(tool);

        // when
        ToolOutcome outcome = registry.execute(ToolCall.of("get_weather", Map.of(), Principal.of("u")));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).contains("tool 'get_weather' failed");
        assertThat(outcome.audit().args().toString()).doesNotContain("hunter2");
        assertThat(outcome.audit().decision()).isEqualTo(AuditDecision.ERROR);
    }

    @Test
    void should_pass_a_tool_failure_message_through_to_the_caller() {
        // given
        FakeTool tool = new FakeTool(getWeather(), call -> {
            throw new ToolFailureException("get_weather", "weather service is unavailable, try again later");
        });

        // when
        ToolOutcome outcome = registry(tool).execute(ToolCall.of("get_weather", Map.of(), Principal.of("u")));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).contains("weather service is unavailable, try again later");
    }

    @Test
    void should_report_a_tool_returning_null_as_error() {
        // given
        FakeTool tool = new FakeTool(getWeather(), call -> null);

        // when
        ToolOutcome outcome = registry(tool).execute(ToolCall.of("get_weather", Map.of(), Principal.of("u")));

        // then
        assertThat(tool.calls()).isEqualTo(1);
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
    }

    @Test
    void should_time_out_quickly_even_when_the_tool_ignores_interrupts() throws InterruptedException {
        // given
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean bodyEnded = new AtomicBoolean();
        FakeTool stubborn = new FakeTool(
                ToolDescriptor.builder("slow_tool")
                        .withTimeout(Duration.ofMillis(150))
                        .build(),
                call -> {
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
                    while (System.nanoTime() < until && release.getCount() > 0) {
                        Thread.onSpinWait(); // busy: never checks the interrupt flag
                    }
                    bodyEnded.set(true);
                    return ToolResult.of("late", Map.of());
                });
        ToolRegistry registry = registry(stubborn);

        // when
        ToolOutcome outcome = registry.execute(ToolCall.of("slow_tool", Map.of(), Principal.of("u")));
        boolean returnedWhileTheBodyRan = !bodyEnded.get();
        release.countDown();

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).contains("tool 'slow_tool' timed out after 150 ms");
        // it did not wait for the body (which spins until released, or for 10 s): no wall-clock bound to miss
        assertThat(returnedWhileTheBodyRan).isTrue();
    }

    @Test
    void should_run_an_inline_tool_on_the_callers_thread_and_an_isolated_one_elsewhere() {
        // given
        List<Thread> ran = new CopyOnWriteArrayList<>();
        FakeTool inline = new FakeTool(
                ToolDescriptor.builder("inline_tool")
                        .withExecution(ToolExecution.INLINE)
                        .build(),
                call -> {
                    ran.add(Thread.currentThread());
                    return ToolResult.of("inline", Map.of());
                });
        FakeTool isolated = new FakeTool(ToolDescriptor.builder("isolated_tool").build(), call -> {
            ran.add(Thread.currentThread());
            return ToolResult.of("isolated", Map.of());
        });
        ToolRegistry registry = registry(inline, isolated);

        // when
        ToolOutcome first = registry.execute(ToolCall.of("inline_tool", Map.of(), Principal.of("u")));
        ToolOutcome second = registry.execute(ToolCall.of("isolated_tool", Map.of(), Principal.of("u")));

        // then
        assertThat(first.status()).isEqualTo(CallStatus.OK);
        assertThat(second.status()).isEqualTo(CallStatus.OK);
        assertThat(ran).hasSize(2);
        assertThat(ran.get(0)).isSameAs(Thread.currentThread());
        assertThat(ran.get(1)).isNotSameAs(Thread.currentThread());
        assertThat(audits).extracting(AuditRecord::decision).containsOnly(AuditDecision.ALLOWED);
    }

    @Test
    void should_drop_the_result_of_an_inline_tool_that_overran_its_timeout() {
        // given
        FakeTool overrunning = new FakeTool(
                ToolDescriptor.builder("sleepy_inline")
                        .withExecution(ToolExecution.INLINE)
                        .withTimeout(Duration.ofMillis(5))
                        .build(),
                call -> {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return ToolResult.of("late", Map.of());
                });

        // when
        ToolOutcome outcome = registry(overrunning).execute(ToolCall.of("sleepy_inline", Map.of(), Principal.of("u")));

        // then
        assertThat(overrunning.calls()).isEqualTo(1);
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.result()).isEmpty();
        assertThat(outcome.error()).contains("tool 'sleepy_inline' timed out after 5 ms");
        assertThat(audits).extracting(AuditRecord::decision).containsExactly(AuditDecision.ERROR);
    }

    @Test
    void should_release_the_lock_of_an_inline_tool_when_it_returns() {
        // given
        FakeTool inline = FakeTool.echo(ToolDescriptor.builder("locked_inline")
                .withExecution(ToolExecution.INLINE)
                .withLockKey("inline:{service}")
                .build());
        ToolRegistry registry = registry(inline);

        // when
        ToolOutcome first = registry.execute(ToolCall.of("locked_inline", Map.of("service", "a"), Principal.of("u")));
        ToolOutcome second = registry.execute(ToolCall.of("locked_inline", Map.of("service", "a"), Principal.of("u")));

        // then
        assertThat(first.status()).isEqualTo(CallStatus.OK);
        assertThat(second.status()).isEqualTo(CallStatus.OK);
        assertThat(inline.calls()).isEqualTo(2);
    }

    @Test
    void should_default_to_isolated_execution() {
        assertThat(getWeather().execution()).isEqualTo(ToolExecution.ISOLATED);
        assertThat(new ToolDescriptor(
                                "legacy",
                                "",
                                Map.of(),
                                SideEffect.READ,
                                java.util.Set.of(),
                                true,
                                Duration.ofSeconds(1),
                                java.util.Optional.empty(),
                                false)
                        .execution())
                .isEqualTo(ToolExecution.ISOLATED);
    }

    @Test
    void should_return_an_error_outcome_for_an_unknown_tool() {
        // given
        ToolRegistry registry = registry(FakeTool.echo(getWeather()));

        // when
        ToolOutcome outcome = registry.execute(ToolCall.of("launch_rockets", Map.of(), Principal.of("u", "sre")));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).contains("unknown tool 'launch_rockets'");
        assertThat(audits)
                .singleElement()
                .satisfies(r -> assertThat(r.decision()).isEqualTo(AuditDecision.ERROR));
    }

    @Test
    void should_list_only_the_tools_a_principal_may_call_sorted_by_name() {
        // given
        ToolRegistry registry =
                registry(FakeTool.echo(restartService()), FakeTool.echo(createTicket()), FakeTool.echo(getWeather()));

        // when
        List<String> forViewer = registry.availableTo(Principal.of("v", "viewer")).stream()
                .map(ToolDescriptor::name)
                .toList();
        List<String> forSupport = registry.availableTo(Principal.of("s", "IT.Support")).stream()
                .map(ToolDescriptor::name)
                .toList();
        List<String> forSre = registry.availableTo(Principal.of("o", "sre")).stream()
                .map(ToolDescriptor::name)
                .toList();

        // then
        assertThat(forViewer).containsExactly("get_weather");
        assertThat(forSupport).containsExactly("create_ticket", "get_weather");
        assertThat(forSre).containsExactly("create_ticket", "get_weather", "restart_service");
        assertThat(registry.descriptors())
                .extracting(ToolDescriptor::name)
                .containsExactly("create_ticket", "get_weather", "restart_service");
    }

    @Test
    void should_discover_tools_of_a_service_loaded_provider() {
        // when
        ToolRegistry registry = ToolRegistry.builder()
                .withTools(ToolProviders.discoveredTools(ToolProviderContext.empty()))
                .build();

        // then
        assertThat(registry.find("discovered_echo")).isPresent();
        ToolOutcome outcome = registry.execute(ToolCall.of("discovered_echo", Map.of(), Principal.of("u")));
        assertThat(outcome.result()).map(ToolResult::summary).contains("hello");
    }

    @Test
    void should_hand_the_context_services_to_discovered_providers() {
        // given
        ToolProviderContext context = ToolProviderContext.builder()
                .withService(
                        DiscoveredTestToolProvider.Greeting.class, new DiscoveredTestToolProvider.Greeting("cześć"))
                .build();

        // when
        ToolRegistry registry = ToolRegistry.builder()
                .withTools(ToolProviders.discoveredTools(context))
                .build();

        // then
        ToolOutcome outcome = registry.execute(ToolCall.of("discovered_echo", Map.of(), Principal.of("u")));
        assertThat(outcome.result()).map(ToolResult::summary).contains("cześć");
    }
}
