package com.astradesk.core.agent.internal;

import com.astradesk.core.agent.StepResult;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Writes the agent's answer in the request's language: the plan's clarification, one line per tool step, or
 * excerpts of the retrieved knowledge that keep the source's structure (heading, then the section's steps as a list;
 * see {@link Excerpts}), each marked {@code [n]}, with exactly the quoted chunks listed as sources. Every sentence is either a fixed template or
 * text copied from a tool summary or a retrieved chunk, so the answer never says more than the agent knows.
 */
final class AnswerComposer {
    /** A second source is quoted only when it scores nearly as well as the best one. */
    private static final double SECOND_EXCERPT_RATIO = 0.85;

    private AnswerComposer() {}

    /** An answer and the chunks it quotes, in the order of their {@code [n]} markers. */
    record Composed(String text, List<KnowledgeChunk> used) {}

    static Composed compose(
            Language lang, String input, Plan plan, List<StepResult> steps, List<KnowledgeChunk> chunks) {
        if (plan.clarification().isPresent()) {
            return new Composed(plan.clarification().get(), List.of());
        }
        if (!steps.isEmpty()) {
            var lines = new ArrayList<String>();
            for (StepResult s : steps) {
                lines.add(describe(lang, s));
            }
            return new Composed(String.join("\n", lines), List.of());
        }
        if (chunks.isEmpty()) {
            return new Composed(
                    lang == Language.PL
                            ? "Nie wiem — w bazie wiedzy nie ma odpowiedzi na to pytanie. Mogę utworzyć zgłoszenie:"
                                    + " napisz „utwórz zgłoszenie: …” z opisem problemu."
                            : "I don't know — the knowledge base has no answer to this. I can open a ticket for you:"
                                    + " write \"open a ticket: …\" with a description of the problem.",
                    List.of());
        }
        return knowledgeAnswer(lang, input, chunks);
    }

    /**
     * The best chunk's excerpt, and a second one: the same document's steps when the best chunk has none (its
     * introduction often matches a "how do I" question best), else another document in the same language when it
     * scores nearly as well; each marked with its number, and only those listed as sources.
     */
    private static Composed knowledgeAnswer(Language lang, String input, List<KnowledgeChunk> chunks) {
        KnowledgeChunk best = chunks.get(0);
        Language bestLanguage = Language.detect(best.text());
        List<KnowledgeChunk> used = new ArrayList<>();
        used.add(best);
        if (!Excerpts.hasList(best.text())) {
            // a document's introduction matches "how do I…" best, its steps come in the next section
            chunks.stream()
                    .skip(1)
                    .filter(c -> c.source().equals(best.source()))
                    .filter(c -> Excerpts.hasList(c.text()))
                    .findFirst()
                    .ifPresent(used::add);
        }
        chunks.stream()
                .filter(c -> used.size() < 2)
                .skip(1)
                .filter(c -> !c.source().equals(best.source()))
                .filter(c -> c.score() >= best.score() * SECOND_EXCERPT_RATIO)
                .filter(c -> Language.detect(c.text()) == bestLanguage)
                .findFirst()
                .ifPresent(used::add);
        var sb = new StringBuilder(lang == Language.PL ? "Według bazy wiedzy:" : "From the knowledge base:");
        var cited = new ArrayList<String>();
        for (int i = 0; i < used.size(); i++) {
            KnowledgeChunk c = used.get(i);
            sb.append(i == 0 ? "\n" : "\n\n")
                    .append(Excerpts.pick(input, c.text()))
                    .append(" [")
                    .append(i + 1)
                    .append(']');
            cited.add("[" + (i + 1) + "] " + c.source());
        }
        sb.append("\n\n").append(lang == Language.PL ? "Źródła: " : "Sources: ").append(String.join(", ", cited));
        return new Composed(sb.toString(), List.copyOf(used));
    }

    /** The fixed lines of the steps that did not run (denied, awaiting approval, failed, rate limited), or "". */
    static String notRunLines(Language lang, List<StepResult> steps) {
        var lines = new ArrayList<String>();
        for (StepResult s : steps) {
            if (s.status() != CallStatus.OK) {
                lines.add(describe(lang, s));
            }
        }
        return String.join("\n", lines);
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
