package com.astradesk.core.agent.internal;

import com.astradesk.core.agent.StepResult;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.text.Language;
import java.util.List;
import java.util.TreeSet;

/** Writes the agent's answer in the request's language from the steps or the retrieved knowledge. */
final class AnswerComposer {
    private static final int EXCERPT_CHARS = 700;

    private AnswerComposer() {}

    static String compose(Language lang, Plan plan, List<StepResult> steps, List<KnowledgeChunk> chunks) {
        if (plan.clarification().isPresent()) {
            return plan.clarification().get();
        }
        if (!steps.isEmpty()) {
            var sb = new StringBuilder();
            for (StepResult s : steps) {
                if (sb.length() > 0) {
                    sb.append('\n');
                }
                sb.append(describe(lang, s));
            }
            return sb.toString();
        }
        if (chunks.isEmpty()) {
            return lang == Language.PL
                    ? "Nie znalazłem odpowiedzi w bazie wiedzy. Opisz problem dokładniej albo poproś o utworzenie zgłoszenia."
                    : "I could not find an answer in the knowledge base. Please add more detail, or ask me to open a ticket.";
        }
        KnowledgeChunk best = chunks.get(0);
        String excerpt = best.text().strip();
        if (excerpt.length() > EXCERPT_CHARS) {
            excerpt = excerpt.substring(0, EXCERPT_CHARS).strip() + "…";
        }
        var sources = new TreeSet<String>();
        chunks.forEach(c -> sources.add(c.source()));
        String intro = lang == Language.PL
                ? "Według bazy wiedzy (" + best.source() + "):"
                : "From the knowledge base (" + best.source() + "):";
        String cite = lang == Language.PL ? "Źródła: " : "Sources: ";
        return intro + "\n" + excerpt + "\n\n" + cite + String.join(", ", sources);
    }

    private static String describe(Language lang, StepResult s) {
        return switch (s.status()) {
            case OK ->
                s.summary()
                        .orElse(
                                lang == Language.PL
                                        ? "Narzędzie " + s.tool() + " wykonane."
                                        : "Tool " + s.tool() + " done.");
            case DENIED -> {
                var roles = s.denial()
                        .map(d -> String.join(", ", new TreeSet<>(d.requiredRoles())))
                        .orElse("");
                yield lang == Language.PL
                        ? "Odmowa: narzędzie " + s.tool() + " wymaga jednej z ról: " + roles + "."
                        : "Denied: " + s.tool() + " requires one of the roles: " + roles + ".";
            }
            case ERROR ->
                (lang == Language.PL ? "Błąd narzędzia " + s.tool() + ": " : "Tool " + s.tool() + " failed: ")
                        + s.error().orElse("unknown error");
        };
    }
}
