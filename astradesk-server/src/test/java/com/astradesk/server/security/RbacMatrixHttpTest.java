package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every built-in tool × every role, through {@code POST /v1/agents/run} on the real wiring. */
class RbacMatrixHttpTest {
    private static final List<String> ROLES =
            List.of("viewer", "it.support", "sre", "sre.prod", "kb.admin", "approver");

    /** tool, agent, input that plans it, roles allowed (empty = any authenticated). */
    private static final List<Object[]> TOOLS = List.of(
            new Object[] {
                "create_ticket", "support", "Please open a ticket: VPN drops every hour", Set.of("it.support", "sre")
            },
            new Object[] {"get_ticket", "support", "check ticket TKT-123 status", Set.of("it.support", "sre")},
            new Object[] {"get_metrics", "ops", "show metrics for webapp", Set.of()},
            new Object[] {"restart_service", "ops", "Please restart payments-api", Set.of("sre")},
            new Object[] {"get_weather", "ops", "What is the weather in Warsaw?", Set.of()});

    private static Path home;
    private static WiredServer server;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("astradesk-rbac");
        // get_weather is registered only with a weather service: a closed loopback port makes its steps errors
        server = new WiredServer(home, Map.of("WEATHER_URL", "http://127.0.0.1:9", "WEATHER_TIMEOUT", "2s"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Object[] tool : TOOLS) {
            for (String role : ROLES) {
                @SuppressWarnings("unchecked")
                Set<String> allowed = (Set<String>) tool[3];
                int expected = allowed.isEmpty() || allowed.contains(role) ? 200 : 403;
                cases.add(Arguments.of(tool[0], tool[1], tool[2], role, expected));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} as {3} -> {4}")
    @MethodSource("matrix")
    void should_allow_or_deny_each_tool_by_role(String tool, String agent, String input, String role, int expected) {
        String token = server.token("rbac-" + role + "-" + tool, role);

        HttpResponse<String> response = server.run(token, agent, input);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
        JsonNode body = json(response);
        if (expected == 200) {
            assertThat(body.get("steps").get(0).get("tool").asText()).isEqualTo(tool);
            assertThat(body.get("steps").get(0).get("status").asText()).isIn("ok", "error");
            assertThat(body.get("steps").get(0).get("status").asText())
                    .as("a permitted call is never denied")
                    .isNotEqualTo("denied");
        } else {
            assertThat(body.get("code").asText()).isEqualTo("tool_denied");
            assertThat(body.get("tool").asText()).isEqualTo(tool);
        }
    }
}
