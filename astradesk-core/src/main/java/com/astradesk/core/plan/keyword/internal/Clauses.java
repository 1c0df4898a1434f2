package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.text.Language;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds clauses and sentences in folded text: the unit a blocking word ("don't", "why", "nie") applies to,
 * and the unit a ticket request claims as its description. Thread-safe (stateless).
 */
public final class Clauses {
    private static final String BREAKS = "[.,;:!?()\\n]|(?<![\\p{L}\\p{N}])(?:and|but|then|also|because|since|which"
            + "|oraz|ale|potem|nastepnie|takze|tez|bo|poniewaz|gdyz|ktory|ktora|ktore";
    /** English "i" is a pronoun, Polish "i" is "and": only Polish text breaks clauses at it. */
    private static final Pattern CLAUSE_BREAK_EN = Pattern.compile(BREAKS + ")(?![\\p{L}\\p{N}])");

    private static final Pattern CLAUSE_BREAK_PL = Pattern.compile(BREAKS + "|i)(?![\\p{L}\\p{N}])");
    private static final Pattern SENTENCE_END = Pattern.compile("[.!?](?=\\s|$)|\\n\\s*\\n");
    /** Words after which, within three more words, "and" ("i") joins two terms instead of two clauses. */
    private static final Set<String> BETWEEN = Set.of("between", "miedzy", "pomiedzy");

    private static final Pattern CONTENT_INTRO = Pattern.compile("\\s*(?:[:\\-]|(?:about|regarding|re|for|because|"
            + "that|saying|o|w sprawie|dotyczac\\p{L}*|ze|bo|poniewaz|na temat|dla)(?![\\p{L}\\p{N}]))");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_'-]+");

    /** Folded words that may come before a command without making it something else ("please", "czy mozesz"). */
    private static final Set<String> COURTESY = Set.of(
            "please",
            "pls",
            "plz",
            "kindly",
            "can",
            "could",
            "would",
            "will",
            "you",
            "u",
            "go",
            "ahead",
            "just",
            "now",
            "hey",
            "hi",
            "ok",
            "okay",
            "i",
            "we",
            "need",
            "want",
            "to",
            "like",
            "d",
            "'d",
            "me",
            "asap",
            "urgently",
            "immediately",
            "quickly",
            "right",
            "away",
            "astradesk",
            "prosze",
            "czy",
            "mozesz",
            "moglbys",
            "moglabys",
            "mozecie",
            "mozna",
            "pilnie",
            "teraz",
            "natychmiast",
            "szybko",
            "hej",
            "zeby",
            "abys",
            "chce",
            "chcialbym",
            "chcialabym",
            "trzeba",
            "musisz",
            "mi",
            "o",
            "zrob",
            "wykonaj",
            "do",
            "a",
            "i'd",
            "we'd",
            "i'll",
            "let's",
            "lets",
            "jak",
            "najszybciej",
            "najpredzej");

    private Clauses() {}

    private static Pattern breaks(Language language) {
        return language == Language.PL ? CLAUSE_BREAK_PL : CLAUSE_BREAK_EN;
    }

    /** Start of the clause holding {@code index}. */
    public static int clauseStart(String folded, int index, Language language) {
        int start = 0;
        Matcher m = breaks(language).matcher(folded).region(0, index);
        m.useTransparentBounds(true);
        while (m.find()) {
            if (!joinsTerms(folded, m)) {
                start = m.end();
            }
        }
        return start;
    }

    /** End of the clause holding {@code index} (exclusive). */
    public static int clauseEnd(String folded, int index, Language language) {
        Matcher m = breaks(language).matcher(folded).region(index, folded.length());
        m.useTransparentBounds(true);
        while (m.find()) {
            if (!joinsTerms(folded, m)) {
                return m.start();
            }
        }
        return folded.length();
    }

    /**
     * Whether the break found is an "and" ("i") of "between A and B" ("miedzy A i B"): "the difference between p95
     * and p99 for webapp" is one clause, so a blocking word before the "and" applies to what follows it.
     */
    private static boolean joinsTerms(String folded, Matcher m) {
        String found = m.group();
        if (!found.equals("and") && !found.equals("i")) {
            return false;
        }
        int end = m.start();
        for (int words = 0; words < 4; words++) {
            while (end > 0 && (folded.charAt(end - 1) == ' ' || folded.charAt(end - 1) == '\t')) {
                end--;
            }
            int start = end;
            while (start > 0 && !Character.isWhitespace(folded.charAt(start - 1))) {
                start--;
            }
            if (start == end) {
                return false;
            }
            String word = folded.substring(start, end);
            if (BETWEEN.contains(word)) {
                return words > 0;
            }
            if (word.chars().anyMatch(c -> ".,;:!?()".indexOf(c) >= 0)) {
                return false;
            }
            end = start;
        }
        return false;
    }

    /** Start of the sentence holding {@code index}. */
    public static int sentenceStart(String folded, int index) {
        int start = 0;
        Matcher m = SENTENCE_END.matcher(folded).region(0, index);
        while (m.find()) {
            start = m.end();
        }
        return start;
    }

    /** End of the sentence holding {@code index} (exclusive). */
    public static int sentenceEnd(String folded, int index) {
        Matcher m = SENTENCE_END.matcher(folded).region(index, folded.length());
        return m.find() ? m.start() : folded.length();
    }

    /**
     * Where the text a content-taking intent (a ticket request) claims ends: the end of the sentence when the
     * trigger introduces content ("open a ticket: ...", "... about ...", "... w sprawie ..."), else the end of
     * its clause, so that "open a ticket and restart auth-service" still reads the restart.
     */
    public static int claimEnd(String folded, int triggerEnd, Language language) {
        Matcher m = CONTENT_INTRO.matcher(folded).region(triggerEnd, folded.length());
        m.useTransparentBounds(true);
        return m.lookingAt() ? sentenceEnd(folded, triggerEnd) : clauseEnd(folded, triggerEnd, language);
    }

    /** Whether only courtesy words ("hey", "please", "czy mozesz") stand between {@code start} and {@code end}. */
    public static boolean onlyCourtesy(String folded, int start, int end) {
        Matcher m = WORD.matcher(folded).region(start, end);
        while (m.find()) {
            if (!COURTESY.contains(m.group())) {
                return false;
            }
        }
        return true;
    }

    /** Whether only courtesy words stand between the clause start and {@code index}. */
    public static boolean opensClause(String folded, int index, Language language) {
        int start = clauseStart(folded, index, language);
        Matcher m = WORD.matcher(folded).region(start, index);
        while (m.find()) {
            if (!COURTESY.contains(m.group())) {
                return false;
            }
        }
        return true;
    }
}
