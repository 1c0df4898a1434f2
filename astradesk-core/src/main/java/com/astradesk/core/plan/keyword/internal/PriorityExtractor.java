package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import java.util.List;

/**
 * Reads a ticket priority from the whole query: {@code high} for "urgent", "ASAP", "critical", "pilne",
 * "krytyczne"...; {@code low} for "low priority", "not urgent", "niski priorytet", "niepilne"...; {@code medium} for "medium
 * priority", "średni priorytet"; otherwise the
 * argument is left out and the tool's default (medium) applies. "Not urgent" wins over "urgent". Immutable
 * and thread-safe.
 */
public final class PriorityExtractor implements ArgumentExtractor {
    private static final List<PhrasePattern> LOW = PhrasePattern.compileAll(List.of(
            "low priority",
            "low prio",
            "priority low",
            "priority ... low",
            "not urgent",
            "no rush",
            "not critical",
            "whenever",
            "niski priorytet",
            "niskim priorytetem",
            "priorytet ... niski",
            "nie pilne",
            "niepilne",
            "nie jest pilne",
            "bez pospiechu",
            "nie krytyczne",
            "niskim priorytecie",
            "o niskim"));
    private static final List<PhrasePattern> MEDIUM = PhrasePattern.compileAll(List.of(
            "medium priority",
            "normal priority",
            "priority medium",
            "sredni priorytet",
            "srednim priorytetem",
            "srednim priorytecie",
            "normalny priorytet"));
    private static final List<PhrasePattern> HIGH = PhrasePattern.compileAll(List.of(
            "urgent*",
            "asap",
            "critical*",
            "emergency",
            "high priority",
            "high prio",
            "priority high",
            "priority ... high",
            "p1",
            "immediately",
            "pilne",
            "pilnie",
            "pilny",
            "pilna",
            "krytyczn*",
            "wysoki priorytet",
            "wysokim priorytetem",
            "priorytet ... wysoki",
            "natychmiast*",
            "awaria krytyczna",
            "wysokim priorytecie",
            "o wysokim",
            "blocker"));

    @Override
    public Extraction extract(MatchContext context) {
        String folded = context.folded();
        if (PhrasePattern.anyWithin(LOW, folded, 0, folded.length())) {
            return Extraction.of("low");
        }
        if (PhrasePattern.anyWithin(MEDIUM, folded, 0, folded.length())) {
            return Extraction.of("medium");
        }
        if (PhrasePattern.anyWithin(HIGH, folded, 0, folded.length())) {
            return Extraction.of("high");
        }
        return Extraction.omit();
    }
}
