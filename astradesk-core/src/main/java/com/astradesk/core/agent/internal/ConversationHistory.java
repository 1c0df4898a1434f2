package com.astradesk.core.agent.internal;

import com.astradesk.core.agent.ConversationNotFoundException;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.plan.ConversationTurn;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.policy.Principal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a conversation's last turns for the planner, checking that it is the caller's, and writes the plan of a
 * turn into its dialogue's metadata ({@value #PLAN_KEY}) so the next turn can resolve follow-ups from it.
 */
final class ConversationHistory {
    /** The dialogue metadata key holding the turn's plan. */
    static final String PLAN_KEY = "plan";

    private ConversationHistory() {}

    /**
     * The last {@code turns} turns of the conversation, oldest first.
     *
     * @throws ConversationNotFoundException when there is no such conversation or it is another subject's
     */
    static List<ConversationTurn> load(
            Optional<DialogueStore> store, String conversationId, Principal principal, int turns) {
        List<DialogueRecord> records = store.map(s -> s.conversation(conversationId, Math.max(1, turns)))
                .orElse(List.of());
        if (records.isEmpty() || records.stream().anyMatch(r -> !r.actor().equals(principal.subject()))) {
            throw new ConversationNotFoundException(conversationId);
        }
        List<ConversationTurn> out = new ArrayList<>();
        for (DialogueRecord r : records.subList(Math.max(0, records.size() - turns), records.size())) {
            out.add(new ConversationTurn(r.query(), r.answer(), plan(r.meta().get(PLAN_KEY)), r.createdAt()));
        }
        return List.copyOf(out);
    }

    /** The wire form of a plan kept in dialogue metadata: {@code {"steps":[{"tool","args"}],"clarification"}}. */
    static Map<String, Object> toMeta(Plan plan) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(
                "steps",
                plan.steps().stream()
                        .map(s -> Map.<String, Object>of("tool", s.tool(), "args", s.arguments()))
                        .toList());
        plan.clarification().ifPresent(c -> m.put("clarification", c));
        return m;
    }

    /** The plan of a stored turn; an unreadable or missing one is an empty plan. */
    @SuppressWarnings("unchecked")
    static Plan plan(Object stored) {
        if (!(stored instanceof Map<?, ?> map)) {
            return Plan.empty();
        }
        List<PlanStep> steps = new ArrayList<>();
        if (map.get("steps") instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof Map<?, ?> step && step.get("tool") instanceof String tool) {
                    Map<String, Object> args =
                            step.get("args") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
                    steps.add(new PlanStep(tool, args));
                }
            }
        }
        if (steps.isEmpty() && map.get("clarification") instanceof String question && !question.isBlank()) {
            return Plan.clarify(question);
        }
        return Plan.of(steps);
    }
}
