package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;

/** Gives the whole query, trimmed (a ticket's description). Immutable and thread-safe. */
public final class InputExtractor implements ArgumentExtractor {
    @Override
    public Extraction extract(MatchContext context) {
        String input = context.input().strip();
        return input.isEmpty() ? Extraction.omit() : Extraction.of(input);
    }
}
