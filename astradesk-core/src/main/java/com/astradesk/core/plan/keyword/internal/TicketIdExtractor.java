package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads a ticket id and normalises it to {@code TKT-<n>}: "TKT-123", "tkt-123", "TKT 123", "tkt123",
 * "ticket #123", "zgłoszenie nr 123". Without one it asks for the id. Immutable and thread-safe.
 */
public final class TicketIdExtractor implements ArgumentExtractor {
    private static final Pattern ID = Pattern.compile("(?<![\\p{L}\\p{N}])(?:tkt[\\s_-]*#?"
            + "|(?:ticket\\p{L}*|zgloszeni\\p{L}*)\\s+(?:(?:nr|no|number|numer)\\.?\\s*)?#?\\s*"
            + "|#)(\\d{1,9})(?![\\p{L}\\p{N}])");

    private final Localized question;

    /** @param question what to ask when the query names no ticket */
    public TicketIdExtractor(Localized question) {
        this.question = Objects.requireNonNull(question, "question");
    }

    @Override
    public Extraction extract(MatchContext context) {
        return ScopedSearch.nearest(ID, context)
                .map(m -> Extraction.of("TKT-" + Long.parseLong(m.group(1))))
                .orElseGet(() -> Extraction.clarify(question.in(context.language())));
    }
}
