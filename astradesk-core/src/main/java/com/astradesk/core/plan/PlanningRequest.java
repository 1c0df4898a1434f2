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
 *                  intent over all of them, so an unauthorised request meets an explicit, audited denial
 * @param available the subset of {@code tools} the registry's policy lets the principal use ({@link
 *                  com.astradesk.core.tool.ToolRegistry#availableTo}): what the LLM planner shows the model
 * @param language  the language of the input
 * @param history   the conversation's earlier turns, oldest first (empty for a first request); at most the last
 *                  few turns the agent is configured to pass
 */
public record PlanningRequest(
        String input,
        Principal principal,
        List<ToolDescriptor> tools,
        List<ToolDescriptor> available,
        Language language,
        List<ConversationTurn> history) {
    public PlanningRequest {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(principal, "principal");
        tools = List.copyOf(tools);
        available = List.copyOf(available);
        language = Objects.requireNonNullElse(language, Language.detect(input));
        history = history == null ? List.of() : List.copyOf(history);
    }

    /** A request without conversation history. */
    public PlanningRequest(
            String input,
            Principal principal,
            List<ToolDescriptor> tools,
            List<ToolDescriptor> available,
            Language language) {
        this(input, principal, tools, available, language, List.of());
    }

    /**
     * A request whose available tools are those of {@code tools} the principal's roles permit (the default,
     * role-based policy); agents pass what their registry's policy decides instead.
     */
    public PlanningRequest(String input, Principal principal, List<ToolDescriptor> tools, Language language) {
        this(
                input,
                principal,
                tools,
                tools.stream().filter(t -> t.permits(principal)).toList(),
                language);
    }

    /** This request with another input (same caller, tools, language and history). */
    public PlanningRequest withInput(String newInput) {
        return new PlanningRequest(newInput, principal, tools, available, language, history);
    }

    /** This request with the given history, oldest turn first. */
    public PlanningRequest withHistory(List<ConversationTurn> turns) {
        return new PlanningRequest(input, principal, tools, available, language, turns);
    }

    /** The latest earlier turn, if this request continues a conversation. */
    public java.util.Optional<ConversationTurn> previousTurn() {
        return history.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(history.get(history.size() - 1));
    }

    /** Whether the agent offers the named tool. */
    public boolean offers(String tool) {
        for (ToolDescriptor t : tools) { // a loop: the keyword planner asks once per rule, on every run
            if (t.name().equals(tool)) {
                return true;
            }
        }
        return false;
    }
}
