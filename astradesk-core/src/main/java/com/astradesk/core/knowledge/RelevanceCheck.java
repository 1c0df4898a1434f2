package com.astradesk.core.knowledge;

import com.astradesk.core.text.Language;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The second half of the relevance cut-off: a retrieved chunk answers a question only when, besides scoring at least
 * the minimum similarity, it shares a content word with the question (compared by their first five letters, folded,
 * so "dyżurów" meets "dyżur" and "restarting" meets "restart"). The embedding model the product ships is trained on
 * English; for other languages it scores any text in the same language high, and this check keeps "Jak wziąć dzień
 * urlopu?" from being answered with the on-call policy. Measured in docs/KNOWLEDGE.md. Stateless.
 */
public final class RelevanceCheck {
    private static final int STEM = 5;
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");
    private static final Set<String> STOP = Set.of(
            // English
            "the",
            "and",
            "for",
            "what",
            "when",
            "where",
            "which",
            "who",
            "how",
            "does",
            "there",
            "with",
            "from",
            "this",
            "that",
            "have",
            "should",
            "could",
            "would",
            "about",
            "after",
            "before",
            "into",
            "your",
            "you",
            "are",
            "can",
            "not",
            "any",
            "all",
            "our",
            "now",
            "then",
            "want",
            "need",
            "tell",
            "give",
            "please",
            "thoughts",
            "somehow",
            "today",
            "much",
            "many",
            "time",
            // Polish
            "jak",
            "jaka",
            "jaki",
            "jakie",
            "gdzie",
            "kto",
            "czy",
            "dla",
            "mam",
            "moje",
            "moja",
            "mnie",
            "sie",
            "jest",
            "nie",
            "kiedy",
            "ktora",
            "ktory",
            "ktore",
            "oraz",
            "albo",
            "lub",
            "przez",
            "podaj",
            "robic",
            "zrobic",
            "prosze",
            "teraz",
            "ile",
            "czego",
            "osoby",
            "roku");

    private RelevanceCheck() {}

    /** Whether {@code text} shares a content word with {@code question} (first five folded letters). */
    public static boolean sharesContentWord(String question, String text) {
        return forQuestion(question).test(text);
    }

    /**
     * The check for one question, whose content words are folded and stemmed once: for testing many chunks against
     * the same question. The predicate is immutable and thread-safe.
     *
     * @throws NullPointerException when {@code question} is null
     */
    public static Predicate<String> forQuestion(String question) {
        Set<String> wanted = stems(Objects.requireNonNull(question, "question"));
        if (wanted.isEmpty()) {
            return text -> false;
        }
        return text -> {
            // the chunk's words one by one, stopping at the first shared stem (no set of the whole chunk)
            Matcher m = WORD.matcher(Language.fold(text));
            while (m.find()) {
                String w = m.group();
                if (!STOP.contains(w) && wanted.contains(stem(w))) {
                    return true;
                }
            }
            return false;
        };
    }

    private static Set<String> stems(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(Language.fold(text));
        while (m.find()) {
            String w = m.group();
            if (!STOP.contains(w)) {
                out.add(stem(w));
            }
        }
        return out;
    }

    private static String stem(String word) {
        return word.length() > STEM ? word.substring(0, STEM) : word;
    }
}
