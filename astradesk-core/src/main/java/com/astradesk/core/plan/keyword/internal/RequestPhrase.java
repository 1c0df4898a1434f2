package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.plan.keyword.MatchContext;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a ticket request's command phrase ends and what it is about begins. "Open a ticket about the VPN" is about
 * "the VPN"; "zgłoś problem z drukarką" is about a "Problem z drukarką" — the problem noun the command ends with
 * belongs to the content unless a colon, a dash or a topic word ("about", "w sprawie") follows it, and a Polish one
 * is put back in the nominative ("zgłoś awarię VPN" → "Awaria VPN"). Stateless.
 */
final class RequestPhrase {
    /** Words between a request and its content that say nothing about the problem. */
    static final Set<String> FILLER = Set.of(
            "about",
            "for",
            "regarding",
            "re",
            "on",
            "that",
            "saying",
            "with",
            "because",
            "me",
            "us",
            "and",
            "then",
            "also",
            "potem",
            "tez",
            "takze",
            "please",
            "o",
            "w",
            "sprawie",
            "dotyczace",
            "dotyczacy",
            "dotyczacego",
            "ze",
            "na",
            "temat",
            "bo",
            "poniewaz",
            "dla",
            "mnie",
            "nas",
            "i",
            "oraz",
            "prosze");

    /** After a problem noun, these introduce the topic, so the noun itself is only part of the request. */
    private static final Pattern TOPIC = Pattern.compile("\\s*(?:about|regarding|re|concerning|for|o|w sprawie"
            + "|na temat|dotyczac\\p{L}*|odnosnie)(?![\\p{L}\\p{N}])");

    /**
     * Polish topic phrases that govern the genitive: skipping them would leave "Drukarki" as a title, so they stay
     * ("zgłoszenie w sprawie drukarki" → "W sprawie drukarki", "dotyczące VPN-u" → "Dotyczy VPN-u").
     */
    private static final Pattern GENITIVE_TOPIC =
            Pattern.compile("(?<![\\p{L}\\p{N}])(w sprawie|dotyczac\\p{L}*|na temat)(?![\\p{L}\\p{N}])");

    private static final Set<String> ARTICLES = Set.of("a", "an", "the", "this", "one", "new");

    /** English problem nouns stay as written; Polish ones map from their folded forms to the nominative. */
    private static final Set<String> PROBLEM_EN = Set.of(
            "problem",
            "problems",
            "issue",
            "issues",
            "outage",
            "outages",
            "incident",
            "incidents",
            "bug",
            "bugs",
            "fault",
            "failure",
            "error",
            "errors");

    private static final Map<String, String> PROBLEM_PL = Map.ofEntries(
            Map.entry("problem", "Problem"),
            Map.entry("problemu", "Problem"),
            Map.entry("problemy", "Problemy"),
            Map.entry("awaria", "Awaria"),
            Map.entry("awarie", "Awaria"),
            Map.entry("awarii", "Awaria"),
            Map.entry("usterka", "Usterka"),
            Map.entry("usterke", "Usterka"),
            Map.entry("usterki", "Usterka"),
            Map.entry("blad", "Błąd"),
            Map.entry("bledu", "Błąd"),
            Map.entry("bledy", "Błędy"),
            Map.entry("incydent", "Incydent"),
            Map.entry("incydentu", "Incydent"));

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_'-]+");
    private static final Pattern LEADING_WORD = Pattern.compile("[\\s:,;\"'()\\-–—.]*([\\p{L}\\p{N}'-]+)");
    private static final Pattern NEXT = Pattern.compile("\\s*(?:([:\\-–—,;.!?])|([\\p{L}\\p{N}'-]+))?");

    /**
     * Where the content starts and, when a problem noun leads it, that noun as it should be written.
     *
     * @param start where the content text continues in the folded query
     * @param head  the problem noun to write before it ("Problem", "Awaria", "outage"), if any
     */
    record Content(int start, Optional<String> head) {
        /** The content as text, from {@link #start} to {@code end}, with its head noun. */
        String text(MatchContext context, int end) {
            String rest = context.original(Math.min(start, end), end);
            return head.map(h -> h + rest).orElse(rest);
        }

        /** Whether there is no content: no head and only filler or courtesy words ("for me", "asap") up to end. */
        boolean isEmpty(String folded, int end) {
            if (head.isPresent()) {
                return false;
            }
            Matcher m = WORD.matcher(folded).region(Math.min(start, end), end);
            while (m.find()) {
                String w = m.group();
                if (!FILLER.contains(w) && !Clauses.onlyCourtesy(w, 0, w.length())) {
                    return false;
                }
            }
            return true;
        }
    }

    private RequestPhrase() {}

    /** The content of the request whose trigger the context holds, up to {@code end}. */
    static Content content(MatchContext context, int end) {
        String folded = context.folded();
        int triggerEnd = context.triggerEnd();
        int wordStart = triggerEnd;
        while (wordStart > context.triggerStart() && isWordChar(folded.charAt(wordStart - 1))) {
            wordStart--;
        }
        String last = folded.substring(wordStart, triggerEnd);
        if (isProblem(last)) {
            Content content = afterNoun(context, wordStart, triggerEnd, end);
            return content.isEmpty(folded, end) ? gap(context, wordStart).orElse(content) : content;
        }
        int position = afterFiller(folded, triggerEnd, end);
        Matcher word = LEADING_WORD.matcher(folded).region(position, end);
        int nounStart = position;
        if (word.lookingAt() && ARTICLES.contains(word.group(1))) {
            nounStart = word.end();
            word = LEADING_WORD.matcher(folded).region(nounStart, end);
        }
        if (word.lookingAt() && isProblem(word.group(1))) {
            return afterNoun(context, word.start(1), word.end(1), end);
        }
        return new Content(position, genitiveTopic(folded, triggerEnd, position));
    }

    /** The Polish genitive topic phrase skipped between {@code from} and {@code to}, as a title's head. */
    private static Optional<String> genitiveTopic(String folded, int from, int to) {
        Matcher m = GENITIVE_TOPIC.matcher(folded).region(from, to);
        String found = null;
        while (m.find()) {
            found = m.group(1);
        }
        if (found == null) {
            return Optional.empty();
        }
        return Optional.of(
                switch (found) {
                    case "w sprawie" -> "W sprawie";
                    case "na temat" -> "Na temat";
                    default -> "Dotyczy";
                });
    }

    /** "report the printer problem": the words between the verb and the noun name the problem. */
    private static Optional<Content> gap(MatchContext context, int nounStart) {
        String folded = context.folded();
        Matcher verb = WORD.matcher(folded).region(context.triggerStart(), nounStart);
        if (!verb.find()) {
            return Optional.empty();
        }
        int start = verb.end();
        Matcher word = LEADING_WORD.matcher(folded);
        while (start < nounStart
                && word.region(start, nounStart).lookingAt()
                && (ARTICLES.contains(word.group(1)) || FILLER.contains(word.group(1)))) {
            start = word.end();
        }
        Content content = new Content(start, Optional.empty());
        return content.isEmpty(folded, nounStart) ? Optional.empty() : Optional.of(content);
    }

    private static Content afterNoun(MatchContext context, int nounStart, int nounEnd, int end) {
        String folded = context.folded();
        Matcher next = NEXT.matcher(folded).region(nounEnd, end);
        boolean separated = !next.lookingAt() || next.group(1) != null || next.group(2) == null;
        if (separated || TOPIC.matcher(folded).region(nounEnd, end).lookingAt()) {
            int start = afterFiller(folded, nounEnd, end);
            return new Content(start, genitiveTopic(folded, nounEnd, start));
        }
        String noun = folded.substring(nounStart, nounEnd);
        String head = PROBLEM_EN.contains(noun) && !PROBLEM_PL.containsKey(noun)
                ? context.original(nounStart, nounEnd)
                : PROBLEM_PL.getOrDefault(noun, context.original(nounStart, nounEnd));
        return new Content(nounEnd, Optional.of(head));
    }

    private static boolean isProblem(String folded) {
        return PROBLEM_EN.contains(folded) || PROBLEM_PL.containsKey(folded);
    }

    /** Skips filler words ("about", "w sprawie") and separators from {@code from}. */
    static int afterFiller(String folded, int from, int end) {
        int position = from;
        Matcher word = LEADING_WORD.matcher(folded);
        while (position < end && word.region(position, end).lookingAt() && FILLER.contains(word.group(1))) {
            position = word.end();
        }
        return position;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '\'' || c == '-';
    }
}
