package com.astradesk.tools;

import static com.astradesk.tools.testing.Calls.IT_SUPPORT;
import static com.astradesk.tools.testing.Calls.SRE;
import static com.astradesk.tools.testing.Calls.VIEWER;
import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.spi.ToolProvider;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.ticket.TicketBackend;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BuiltinToolProviderTest {

    @Test
    void should_be_found_by_service_loader() {
        // when
        List<String> providers = ServiceLoader.load(ToolProvider.class).stream()
                .map(p -> p.type().getName())
                .toList();

        // then
        assertThat(providers).contains(BuiltinToolProvider.class.getName());
    }

    @Test
    void should_discover_all_five_builtin_tools() {
        // given
        ToolRegistry registry = registry(ToolProviderContext.empty());

        // when
        List<String> names =
                registry.descriptors().stream().map(ToolDescriptor::name).toList();

        // then
        assertThat(names).containsExactlyInAnyOrderElementsOf(BuiltinTools.ALL);
    }

    @ParameterizedTest
    @CsvSource({
        "create_ticket,   WRITE,   it.support sre, true",
        "get_ticket,      READ,    it.support sre, true",
        "get_metrics,     READ,    '',             true",
        "restart_service, EXECUTE, sre,            false",
        "get_weather,     READ,    '',             true"
    })
    void should_describe_each_tool_as_the_design_says(
            String name, SideEffect sideEffect, String roles, boolean idempotent) {
        // given
        ToolRegistry registry = registry(ToolProviderContext.empty());

        // when
        ToolDescriptor d = registry.find(name).orElseThrow();

        // then
        Set<String> expectedRoles =
                roles.isBlank() ? Set.of() : Set.of(roles.trim().split("\\s+"));
        assertThat(d.sideEffect()).isEqualTo(sideEffect);
        assertThat(d.allowedRoles()).isEqualTo(expectedRoles);
        assertThat(d.idempotent()).isEqualTo(idempotent);
        assertThat(d.description()).isNotBlank();
    }

    @Test
    void should_declare_argument_schemas_as_the_design_says() {
        // given
        ToolRegistry registry = registry(ToolProviderContext.empty());

        // then
        assertThat(property(registry, "create_ticket", "title")).containsEntry("maxLength", 120);
        assertThat(property(registry, "create_ticket", "priority"))
                .containsEntry("enum", List.of("low", "medium", "high"))
                .containsEntry("default", "medium");
        assertThat(required(registry, "create_ticket")).containsExactlyInAnyOrder("title", "description");
        assertThat(property(registry, "get_ticket", "ticket_id")).containsEntry("pattern", "^TKT-\\d+$");
        assertThat(property(registry, "get_metrics", "window"))
                .containsEntry("pattern", "^\\d+[smhd]$")
                .containsEntry("default", "15m");
        assertThat(property(registry, "get_metrics", "service"))
                .containsEntry("enum", ServiceCatalog.defaults().names());
        assertThat(property(registry, "restart_service", "service"))
                .containsEntry("enum", ServiceCatalog.defaults().names());
        assertThat(property(registry, "get_weather", "city"))
                .containsEntry("minLength", 1)
                .containsEntry("maxLength", 100);
    }

    @Test
    void should_take_the_service_enum_from_the_catalog_in_the_context() {
        // given
        var catalog = ServiceCatalog.of(Map.of("billing", List.of("invoices")));
        ToolRegistry registry = registry(ToolProviderContext.builder()
                .withService(ServiceCatalog.class, catalog)
                .build());

        // when
        ToolOutcome known = registry.execute(call("get_metrics", Map.of("service", "billing"), VIEWER));
        ToolOutcome defaultService = registry.execute(call("get_metrics", Map.of("service", "webapp"), VIEWER));

        // then
        assertThat(property(registry, "restart_service", "service")).containsEntry("enum", List.of("billing"));
        assertThat(known.status()).isEqualTo(CallStatus.OK);
        assertThat(defaultService.status()).isEqualTo(CallStatus.ERROR);
    }

    @Test
    void should_use_the_ticket_backend_from_the_context() {
        // given
        TicketBackend shared = TicketBackend.inMemory();
        var context = ToolProviderContext.builder()
                .withService(TicketBackend.class, shared)
                .build();
        ToolRegistry registry = registry(context);

        // when
        ToolOutcome created = registry.execute(
                call("create_ticket", Map.of("title", "VPN down", "description", "cannot connect"), IT_SUPPORT));

        // then
        String id = created.result().orElseThrow().data().get("ticket_id").toString();
        assertThat(shared.find(id))
                .hasValueSatisfying(t -> assertThat(t.title()).isEqualTo("VPN down"));
    }

    @Test
    void should_list_to_each_role_only_the_tools_it_may_call() {
        // given
        ToolRegistry registry = registry(ToolProviderContext.empty());

        // then
        assertThat(names(registry.availableTo(VIEWER))).containsExactly("get_metrics", "get_weather");
        assertThat(names(registry.availableTo(IT_SUPPORT)))
                .containsExactly("create_ticket", "get_metrics", "get_ticket", "get_weather");
        assertThat(names(registry.availableTo(SRE)))
                .containsExactlyElementsOf(BuiltinTools.ALL.stream().sorted().toList());
    }

    private static List<String> names(List<ToolDescriptor> descriptors) {
        return descriptors.stream().map(ToolDescriptor::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> property(ToolRegistry registry, String tool, String property) {
        var schema = registry.find(tool).orElseThrow().argumentsSchema();
        var properties = (Map<String, Object>) schema.get("properties");
        return (Map<String, Object>) properties.get(property);
    }

    @SuppressWarnings("unchecked")
    private static List<String> required(ToolRegistry registry, String tool) {
        return (List<String>)
                registry.find(tool).orElseThrow().argumentsSchema().get("required");
    }
}
