package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ticket description: the user's words without the request itself. "Please create a ticket, the shared
 * drive is not accessible" → "The shared drive is not accessible"; "Outlook won't start. Can you raise a ticket for
 * me?" → "Outlook won't start."; "Zgłoś problem z drukarką" → "Problem z drukarką". The request is the trigger with
 * the courtesy words before it ("please", "czy możesz") and the filler after it ("about", "w sprawie"); when another
 * intent follows, the description stops where it starts. Line breaks are kept. When nothing is left, the whole query.
 * Immutable and thread-safe.
 */
public final class DescriptionExtractor implements ArgumentExtractor {
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s)");
    private static final Pattern LEADING = Pattern.compile("^[\\s:,;.!?\\-–—]+");
    private static final Pattern TRAILING_SEPARATOR = Pattern.compile("[\\s,;:\\-–—]+$");
    private static final Pattern TRAILING_CONNECTOR =
            Pattern.compile("(?:[\\s,;]+(?:and|then|also|i|oraz|potem|a))+[\\s,;]*$", Pattern.CASE_INSENSITIVE);

    @Override
    public Extraction extract(MatchContext context) {
        String input = context.input().strip();
        if (input.isEmpty()) {
            return Extraction.omit();
        }
        String folded = context.folded();
        int sentence = Clauses.sentenceStart(folded, context.triggerStart());
        int clause = Clauses.clauseStart(folded, context.triggerStart(), context.language());
        int requestStart = Clauses.onlyCourtesy(folded, sentence, context.triggerStart())
                ? sentence
                : Clauses.onlyCourtesy(folded, clause, context.triggerStart()) ? clause : context.triggerStart();
        int end = context.scopeEnd();
        if (end < folded.length()) {
            // another intent follows: the description ends with the last sentence before it
            Matcher stop = SENTENCE_END.matcher(folded).region(context.triggerEnd(), end);
            while (stop.find()) {
                end = stop.end();
            }
        }
        String before = context.scopeStart() == 0 ? context.original(0, requestStart) : "";
        RequestPhrase.Content content = RequestPhrase.content(context, end);
        String after = content.isEmpty(folded, end)
                ? ""
                : LEADING.matcher(content.text(context, end)).replaceFirst("");
        if (context.scopeEnd() < folded.length()) {
            after = TRAILING_CONNECTOR.matcher(after).replaceFirst("");
        }
        before = before.stripTrailing();
        String description;
        if (after.isBlank()) {
            description = TRAILING_SEPARATOR.matcher(before).replaceFirst("");
        } else if (before.isEmpty()) {
            description = after;
        } else {
            description = before + " " + after;
        }
        description = TitleExtractor.clean(description);
        return Extraction.of(description.isEmpty() ? input : description);
    }
}
