package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.Extraction;
import com.astradesk.core.plan.keyword.MatchContext;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a ticket title: the line after "title:" / "tytuł:" when there is one, else the first sentence. When
 * the first sentence holds the request itself ("Open a ticket: VPN drops every hour"), the request words are
 * left out ("VPN drops every hour"), but a problem noun the request ends with stays, in the nominative ("Zgłoś
 * problem z drukarką" → "Problem z drukarką"), and a Polish topic phrase governing the genitive stays ("Utwórz zgłoszenie w sprawie
 * drukarki" → "W sprawie drukarki"; see {@link RequestPhrase}). At most {@value #MAX} characters. Immutable and thread-safe.
 */
public final class TitleExtractor implements ArgumentExtractor {
    static final int MAX = 120;
    private static final Pattern LABEL = Pattern.compile("(?<![\\p{L}\\p{N}])(?:title|tytul|temat|subject)\\s*[:=]");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)|\\n");
    private static final Pattern ONE_WORD = Pattern.compile("\\s*[\\p{L}\\p{N}'-]*\\s*");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    @Override
    public Extraction extract(MatchContext context) {
        String folded = context.folded();
        Matcher label = LABEL.matcher(folded);
        if (label.find()) {
            int end = folded.indexOf('\n', label.end());
            String title = clean(context.original(label.end(), end < 0 ? folded.length() : end));
            if (!title.isEmpty()) {
                return Extraction.of(limit(title));
            }
        }
        int sentenceStart = skipSpace(folded, 0);
        Matcher stop = SENTENCE_END.matcher(folded);
        int sentenceEnd = stop.find(sentenceStart) ? stop.start() : folded.length();
        // an exclamation before the request ("Awaria! Nie działa system kadrowy, załóżcie zgłoszenie") is no title
        while (sentenceEnd < context.triggerStart()
                && ONE_WORD.matcher(folded.substring(sentenceStart, sentenceEnd))
                        .matches()) {
            sentenceStart = skipSpace(folded, sentenceEnd + 1);
            sentenceEnd = stop.find(sentenceStart) ? stop.start() : folded.length();
        }
        String title = "";
        if (context.triggerStart() >= sentenceStart && context.triggerEnd() <= sentenceEnd) {
            title = requestSentenceTitle(context, sentenceStart, sentenceEnd, stop);
        }
        if (title.isEmpty()) {
            title = clean(context.original(sentenceStart, sentenceEnd));
        }
        return title.isEmpty() ? Extraction.omit() : Extraction.of(limit(title));
    }

    /** A title from the sentence that holds the request: what follows it, else what precedes it, else the next sentence. */
    private static String requestSentenceTitle(MatchContext context, int sentenceStart, int sentenceEnd, Matcher stop) {
        String folded = context.folded();
        int end = Math.max(context.triggerEnd(), Math.min(sentenceEnd, context.scopeEnd()));
        RequestPhrase.Content content = RequestPhrase.content(context, end);
        String title = content.isEmpty(folded, end) ? "" : clean(content.text(context, end));
        if (title.isEmpty()) {
            int clause =
                    Math.max(sentenceStart, Clauses.clauseStart(folded, context.triggerStart(), context.language()));
            title = Clauses.onlyCourtesy(folded, sentenceStart, clause)
                    ? ""
                    : clean(context.original(sentenceStart, clause));
        }
        if (title.isEmpty() && sentenceEnd < folded.length()) {
            int next = skipSpace(folded, sentenceEnd + 1);
            int nextEnd = stop.find(next) ? stop.start() : folded.length();
            title = clean(context.original(Math.min(next, nextEnd), nextEnd));
        }
        return title;
    }

    private static int skipSpace(String s, int from) {
        int i = from;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    static String clean(String text) {
        String t = text.strip();
        int start = 0;
        while (start < t.length() && ":,;-–—\"'".indexOf(t.charAt(start)) >= 0) {
            start++;
        }
        int end = t.length();
        while (end > start && ",;:-–—".indexOf(t.charAt(end - 1)) >= 0) {
            end--;
        }
        t = t.substring(start, end).strip();
        if (t.isEmpty()) {
            return t;
        }
        int first = t.codePointAt(0);
        return new String(Character.toChars(first)).toUpperCase(Locale.ROOT) + t.substring(Character.charCount(first));
    }

    static String limit(String title) {
        String oneLine = WHITESPACE.matcher(title).replaceAll(" ");
        if (oneLine.length() <= MAX) {
            return oneLine;
        }
        int cut = oneLine.lastIndexOf(' ', MAX - 1);
        if (cut < MAX / 2) {
            cut = MAX - 1;
        }
        if (Character.isHighSurrogate(oneLine.charAt(cut - 1))) {
            cut--;
        }
        return oneLine.substring(0, cut).strip() + "…";
    }
}
