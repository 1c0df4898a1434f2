package com.astradesk.core.plan;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.List;
import java.util.Objects;

/**
 * Input to a planner. Immutable.
 *
 * @param input     the user's text
 * @param principal the caller
 * @param tools     the tools the agent offers (a planner must not plan others). The keyword planner plans by
 *                  intent over all of them, so an unauthorised request meets an explicit denial; the LLM
 *                  planner shows the model only those the principal may call.
 * @param language  the language of the input
 */
public record PlanningRequest(String input, Principal principal, List<ToolDescriptor> tools, Language language) {
    public PlanningRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(principal, "principal");
        tools = List.copyOf(tools);
        language = Objects.requireNonNullElse(language, Language.detect(input));
    }

    /** Whether the agent offers the named tool. */
    public boolean offers(String tool) {
        return tools.stream().anyMatch(t -> t.name().equals(tool));
    }
}
