package com.astradesk.core.agent.internal;

import com.astradesk.core.agent.StepResult;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Writes the agent's answer in the request's language: the plan's clarification, one line per tool step, or
 * an excerpt of the retrieved knowledge with numbered sources. Every sentence is either a fixed template or
 * text copied from a tool summary or a retrieved chunk, so the answer never says more than the agent knows.
 */
final class AnswerComposer {
    /** A second source is quoted only when it scores nearly as well as the best one. */
    private static final double SECOND_EXCERPT_RATIO = 0.85;

    private AnswerComposer() {}

    static String compose(Language lang, String input, Plan plan, List<StepResult> steps, List<KnowledgeChunk> chunks) {
        if (plan.clarification().isPresent()) {
            return plan.clarification().get();
        }
        if (!steps.isEmpty()) {
            var lines = new ArrayList<String>();
            for (StepResult s : steps) {
                lines.add(describe(lang, s));
            }
            return String.join("\n", lines);
        }
        if (chunks.isEmpty()) {
            return lang == Language.PL
                    ? "Nie wiem — w bazie wiedzy nie ma odpowiedzi na to pytanie. Mogę utworzyć zgłoszenie: napisz"
                            + " „utwórz zgłoszenie: …” z opisem problemu."
                    : "I don't know — the knowledge base has no answer to this. I can open a ticket for you: write"
                            + " \"open a ticket: …\" with a description of the problem.";
        }
        return knowledgeAnswer(lang, input, chunks);
    }

    private static String knowledgeAnswer(Language lang, String input, List<KnowledgeChunk> chunks) {
        Map<String, Integer> sourceNumbers = new LinkedHashMap<>();
        for (KnowledgeChunk c : chunks) {
            sourceNumbers.putIfAbsent(c.source(), sourceNumbers.size() + 1);
        }
        KnowledgeChunk best = chunks.get(0);
        var sb = new StringBuilder(lang == Language.PL ? "Według bazy wiedzy:" : "From the knowledge base:");
        appendExcerpt(sb, input, best, sourceNumbers);
        chunks.stream()
                .skip(1)
                .filter(c -> !c.source().equals(best.source()))
                .filter(c -> c.score() >= best.score() * SECOND_EXCERPT_RATIO)
                .findFirst()
                .ifPresent(second -> appendExcerpt(sb, input, second, sourceNumbers));
        sb.append("\n\n").append(lang == Language.PL ? "Źródła: " : "Sources: ");
        var cited = new ArrayList<String>();
        sourceNumbers.forEach((source, n) -> cited.add("[" + n + "] " + source));
        return sb.append(String.join(", ", cited)).toString();
    }

    private static void appendExcerpt(
            StringBuilder sb, String input, KnowledgeChunk chunk, Map<String, Integer> sourceNumbers) {
        sb.append('\n')
                .append(Excerpts.pick(input, chunk.text()))
                .append(" [")
                .append(sourceNumbers.get(chunk.source()))
                .append(']');
    }

    private static String describe(Language lang, StepResult s) {
        boolean pl = lang == Language.PL;
        return switch (s.status()) {
            case OK ->
                s.summary()
                        .filter(summary -> !summary.isBlank())
                        .orElse(pl ? "Narzędzie " + s.tool() + " wykonało zadanie." : "Tool " + s.tool() + " done.");
            case DENIED -> {
                var roles = s.denial()
                        .map(d -> String.join(", ", new TreeSet<>(d.requiredRoles())))
                        .orElse("");
                yield pl
                        ? "Odmowa: narzędzie " + s.tool() + " wymaga jednej z ról: " + roles + "."
                        : "Denied: " + s.tool() + " requires one of the roles: " + roles + ".";
            }
            case PENDING_APPROVAL ->
                s.summary()
                        .orElse(
                                pl
                                        ? "Krok " + s.tool() + " czeka na zatwierdzenie."
                                        : "Step " + s.tool() + " awaits approval.");
            case RATE_LIMITED ->
                (pl
                                ? "Limit wywołań narzędzia " + s.tool()
                                        + " został wyczerpany; krok nie został wykonany."
                                : "Rate limit for " + s.tool() + " reached; the step did not run.")
                        + s.rateLimit()
                                .map(d -> (pl ? " Spróbuj ponownie za " : " Retry in ") + d.retryAfterSeconds() + " s.")
                                .orElse("");
            case ERROR ->
                (pl ? "Błąd narzędzia " + s.tool() + ": " : "Tool " + s.tool() + " failed: ")
                        + s.error().orElse(pl ? "nieznany błąd" : "unknown error");
        };
    }
}
