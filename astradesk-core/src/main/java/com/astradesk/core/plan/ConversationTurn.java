package com.astradesk.core.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * One earlier turn of a conversation, as a planner sees it: what the user wrote, what the agent answered, and
 * the plan the agent ran for it (its steps, or the clarification it asked). Texts are as stored, i.e. redacted.
 * Immutable.
 *
 * @param input     the user's text of that turn
 * @param answer    the agent's answer
 * @param plan      the plan of that turn (empty when it was answered from knowledge)
 * @param createdAt when the turn was stored
 */
public record ConversationTurn(String input, String answer, Plan plan, Instant createdAt) {
    public ConversationTurn {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(answer, "answer");
        plan = Objects.requireNonNullElse(plan, Plan.empty());
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Whether the agent asked the user a question in this turn and ran nothing. */
    public boolean askedForClarification() {
        return plan.clarification().isPresent() && plan.steps().isEmpty();
    }
}
