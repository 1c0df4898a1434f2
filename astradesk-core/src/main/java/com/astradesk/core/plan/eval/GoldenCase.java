package com.astradesk.core.plan.eval;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a golden file: a request to an agent and what the planner should plan for it. Immutable.
 *
 * @param id       a stable id, e.g. {@code p042}
 * @param agent    the agent whose tools the request offers, e.g. {@code ops}
 * @param input    the user's text
 * @param turns    earlier user turns of the conversation, oldest first (may be empty)
 * @param expected the steps expected, in order; empty for "no step"
 * @param clarify  whether the planner should ask a question (and run nothing)
 * @param category a free label for reports, e.g. {@code metrics_pl}
 * @param split    {@code tuning} or {@code held_out}, when the file is split
 */
public record GoldenCase(
        String id,
        String agent,
        String input,
        List<Turn> turns,
        List<ExpectedStep> expected,
        boolean clarify,
        String category,
        Optional<String> split) {

    /** Copies the lists and checks the required fields. */
    public GoldenCase {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(input, "input");
        turns = List.copyOf(turns);
        expected = List.copyOf(expected);
        category = Objects.requireNonNullElse(category, "");
        split = Objects.requireNonNullElse(split, Optional.empty());
    }

    /** The intent this case expects: the expected tools joined with {@code +}, {@code clarify} or {@code none}. */
    public String expectedIntent() {
        if (!expected.isEmpty()) {
            return String.join("+", expected.stream().map(ExpectedStep::tool).toList());
        }
        return clarify ? "clarify" : "none";
    }

    /**
     * One earlier turn of the conversation. The evaluation replays it through the planner under test (with the
     * turns before it as history), so its plan is what that planner would have planned.
     *
     * @param input  what the user wrote
     * @param answer what the agent answered (optional; the plan's question when it asked one)
     */
    public record Turn(String input, String answer) {
        /** Checks the input and defaults the answer to empty. */
        public Turn {
            Objects.requireNonNull(input, "input");
            answer = Objects.requireNonNullElse(answer, "");
        }
    }

    /**
     * An expected step. Argument values are compared exactly, except {@code "$input"} (the whole input, trimmed)
     * and {@code {"contains": "text"}} (free text such as a ticket title: contains the text, ignoring case). The
     * planned step must have exactly these argument names.
     *
     * @param tool      the tool's wire name
     * @param arguments the expected arguments
     */
    public record ExpectedStep(String tool, Map<String, Object> arguments) {
        /** Copies the arguments. */
        public ExpectedStep {
            Objects.requireNonNull(tool, "tool");
            arguments = Map.copyOf(arguments);
        }
    }
}
