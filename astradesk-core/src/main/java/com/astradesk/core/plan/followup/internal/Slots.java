package com.astradesk.core.plan.followup.internal;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.ArgumentExtractors;
import com.astradesk.core.plan.keyword.IntentRule;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the arguments a follow-up names ("for the last 6h" → window 6h, "auth-service" → service) with the keyword
 * planner's own public extractors: one one-rule planner per argument, whose trigger is a marker put in front of
 * the text, so each extractor sees the whole follow-up as its scope. An argument the text does not name is
 * absent (an extractor's clarification or the window marker default). Immutable and thread-safe.
 */
final class Slots {
    private static final String MARKER = "zzfollowupzz";
    /** A default no one writes, so "no window named" can be told from a named one. */
    private static final String NO_WINDOW = "99999s";

    private final Map<String, Probe> probes = new LinkedHashMap<>();

    private record Probe(KeywordPlanner planner, ToolDescriptor tool) {}

    Slots(ServiceCatalog catalog) {
        add("service", ArgumentExtractors.service(catalog, "?", "?"));
        add("window", ArgumentExtractors.window(NO_WINDOW));
        add("city", ArgumentExtractors.city());
        add("ticket_id", ArgumentExtractors.ticketId());
    }

    private void add(String argument, ArgumentExtractor extractor) {
        String tool = "followup_" + argument;
        KeywordPlanner planner = KeywordPlanner.builder()
                .withRules(List.of(IntentRule.builder("followup_" + argument, tool)
                        .withTriggers(MARKER)
                        .withArgument(argument, extractor)
                        .build()))
                .build();
        probes.put(argument, new Probe(planner, ToolDescriptor.builder(tool).build()));
    }

    /** The values {@code text} names for any of {@code arguments} this class knows how to read. */
    Map<String, Object> read(PlanningRequest request, String text, Collection<String> arguments) {
        Map<String, Object> found = new LinkedHashMap<>();
        for (String argument : arguments) {
            Probe probe = probes.get(argument);
            if (probe == null) {
                continue;
            }
            Plan plan = probe.planner()
                    .plan(new PlanningRequest(
                            MARKER + " " + text,
                            request.principal(),
                            List.of(probe.tool()),
                            List.of(probe.tool()),
                            request.language()));
            if (plan.steps().isEmpty()) {
                continue;
            }
            Object value = plan.steps().get(0).arguments().get(argument);
            if (value != null && !NO_WINDOW.equals(value)) {
                found.put(argument, value);
            }
        }
        return found;
    }
}
