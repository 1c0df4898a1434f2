package com.astradesk.tools.plan;

import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.Arrays;
import java.util.List;

/** Planning requests for tests. */
public final class Requests {
    public static final List<String> BUILT_IN =
            List.of("create_ticket", "get_ticket", "get_metrics", "restart_service", "get_weather");

    private Requests() {}

    /** A request offering every built-in tool; the language is detected. */
    public static PlanningRequest all(String input) {
        return offering(input, BUILT_IN.toArray(String[]::new));
    }

    /** A request offering only the named tools; the language is detected. */
    public static PlanningRequest offering(String input, String... tools) {
        return new PlanningRequest(input, Principal.of("alice", "sre"), descriptors(tools), null);
    }

    /** A request in a given language, offering every built-in tool. */
    public static PlanningRequest in(Language language, String input) {
        return new PlanningRequest(
                input, Principal.of("alice", "sre"), descriptors(BUILT_IN.toArray(String[]::new)), language);
    }

    private static List<ToolDescriptor> descriptors(String... tools) {
        return Arrays.stream(tools)
                .map(t -> ToolDescriptor.builder(t).withDescription(t).build())
                .toList();
    }
}
