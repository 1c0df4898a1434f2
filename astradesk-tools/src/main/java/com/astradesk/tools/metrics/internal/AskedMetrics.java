package com.astradesk.tools.metrics.internal;

import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which metrics a question asks for, as the backends' metric names: "what's the error rate of payments-api?" →
 * {@code error_ratio}, "ile pamięci zużywa webapp" → {@code memory_bytes}, "p99 of search" → {@code
 * p99_latency_seconds}. English and Polish (inflected forms, with or without diacritics); a generic word ("latency",
 * "saturation") names every metric it covers. A question naming no metric ("how is payments-api doing?") asks for
 * none: the tool then reports everything it has. Stateless.
 */
final class AskedMetrics {
    static final String ERROR_RATIO = "error_ratio";
    static final String P95 = "p95_latency_seconds";
    static final String P99 = "p99_latency_seconds";
    static final String MEMORY = "memory_bytes";
    static final String CPU = "cpu_cores";
    static final String REQUEST_RATE = "request_rate_per_second";
    static final String UPTIME = "uptime_seconds";
    static final String RESTARTS_IN_WINDOW = "restarts_in_window";
    static final String RESTART_COUNT = "restart_count";

    private static final String W = "(?<![\\p{L}\\p{N}])";
    private static final String E = "(?![\\p{L}\\p{N}])";

    /**
     * A metric word; a generic one ("latency", "load") gives way to a specific one for the same metrics ("p99"). Its
     * pattern runs only on a text containing one of its {@code anchors} (empty: always).
     */
    private record Word(Pattern pattern, List<String> metrics, boolean generic, List<String> anchors) {
        boolean mayOccurIn(String folded) {
            if (anchors.isEmpty()) {
                return true;
            }
            for (String anchor : anchors) {
                if (folded.contains(anchor)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** Matched on folded text (lower case, no diacritics, ł → l). */
    private static final List<Word> WORDS = List.of(
            word(
                    "errors?|error[- ]?rate|error[- ]?ratio|failures?|failed requests|failing requests|5xx|http 5\\d\\d"
                            + "|bl[ae]d\\p{L}*|niepowodze\\p{L}*|nieudan\\p{L}* (?:zadan|zapytan|request)\\p{L}*",
                    ERROR_RATIO),
            word("p95|95(?:th)? percentile|95\\. percentyl\\p{L}*|percentyl\\p{L}* 95", P95),
            word("p99|99(?:th)? percentile|99\\. percentyl\\p{L}*|percentyl\\p{L}* 99", P99),
            generic(
                    "latenc\\p{L}*|response times?|slow(?:ness)?|how fast|opoznieni\\p{L}*|opoznien|latencj\\p{L}*"
                            + "|czas\\p{L}* odpowiedzi|wolno dziala|powoln\\p{L}*",
                    P95,
                    P99),
            word("memory|ram|heap|mem|rss|pamie[cn]\\p{L}*|pamiec", MEMORY),
            word("cpu|cpus|processor|procesor\\p{L}*", CPU),
            word(
                    "throughput|request[- ]?rate|requests? per (?:second|minute)|rps|qps|traffic|number of requests|how many requests"
                            + "|przepustowos\\p{L}*|ruch\\p{L}*|zadan\\p{L}* na sekunde|liczb\\p{L}* zadan"
                            + "|natezeni\\p{L}* ruchu",
                    REQUEST_RATE),
            generic("saturat\\p{L}*|load|nasyceni\\p{L}*|obciazeni\\p{L}*|zasob\\p{L}*|resources?", CPU, MEMORY),
            word(
                    "uptime|up since|how long (?:has )?(?:\\S+ )?(?:been )?(?:up|running)|czas\\p{L}* dzialania"
                            + "|od kiedy dziala|jak dlugo dziala",
                    UPTIME),
            word(
                    "restarts|restarted|restart count|number of restarts|restartow|restarty|restartami"
                            + "|restartowan\\p{L}*|restartowal\\p{L}*|zrestartowan\\p{L}*",
                    RESTARTS_IN_WINDOW,
                    RESTART_COUNT));

    private AskedMetrics() {}

    private static Word word(String alternatives, String... metrics) {
        return new Word(
                Pattern.compile(W + "(?:" + alternatives + ")" + E), List.of(metrics), false, anchors(alternatives));
    }

    private static Word generic(String alternatives, String... metrics) {
        return new Word(
                Pattern.compile(W + "(?:" + alternatives + ")" + E), List.of(metrics), true, anchors(alternatives));
    }

    /**
     * Literal beginnings of the alternatives (top-level {@code |}): every match of an alternative starts with its
     * beginning, so a text containing none of them cannot match. Empty when an alternative starts with no literal
     * (then the pattern always runs). A beginning ends before the first regex syntax; before {@code ?}, {@code *} or
     * <code>{</code> it also loses its last character, which those may leave out.
     */
    static List<String> anchors(String alternatives) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i <= alternatives.length(); i++) {
            char c = i < alternatives.length() ? alternatives.charAt(i) : '|';
            if (c == '\\') {
                i++;
            } else if (c == '(' || c == '[') {
                depth++;
            } else if (c == ')' || c == ']') {
                depth--;
            } else if (c == '|' && depth == 0) {
                String anchor = literalStart(alternatives.substring(start, i));
                if (anchor.isEmpty()) {
                    return List.of();
                }
                out.add(anchor);
                start = i + 1;
            }
        }
        return List.copyOf(out);
    }

    private static String literalStart(String alternative) {
        int i = 0;
        while (i < alternative.length() && "\\[](){}?*+.^$|".indexOf(alternative.charAt(i)) < 0) {
            i++;
        }
        boolean optionalLast = i < alternative.length() && "?*{".indexOf(alternative.charAt(i)) >= 0;
        return alternative.substring(0, optionalLast ? Math.max(0, i - 1) : i);
    }

    /**
     * The metrics the question names, in the order it names them; empty when it names none or there is no
     * question.
     */
    static List<String> in(Optional<String> question) {
        if (question.isEmpty()) {
            return List.of();
        }
        String folded = Language.fold(question.get());
        record Hit(int at, List<String> metrics) {}
        // each word's pattern runs once: where it first matches, or -1
        int[] at = new int[WORDS.size()];
        var specific = new HashSet<String>();
        for (int i = 0; i < WORDS.size(); i++) {
            Word w = WORDS.get(i);
            if (!w.mayOccurIn(folded)) {
                at[i] = -1;
                continue;
            }
            Matcher m = w.pattern().matcher(folded);
            at[i] = m.find() ? m.start() : -1;
            if (at[i] >= 0 && !w.generic()) {
                specific.addAll(w.metrics());
            }
        }
        List<Hit> hits = new ArrayList<>();
        for (int i = 0; i < WORDS.size(); i++) {
            Word w = WORDS.get(i);
            if (at[i] >= 0 && !w.generic()) {
                hits.add(new Hit(at[i], w.metrics()));
            }
        }
        for (int i = 0; i < WORDS.size(); i++) {
            Word w = WORDS.get(i);
            if (at[i] >= 0 && w.generic() && w.metrics().stream().noneMatch(specific::contains)) {
                hits.add(new Hit(at[i], w.metrics()));
            }
        }
        hits.sort(Comparator.comparingInt(Hit::at));
        var asked = new LinkedHashSet<String>();
        hits.forEach(h -> asked.addAll(h.metrics()));
        return List.copyOf(asked);
    }
}
