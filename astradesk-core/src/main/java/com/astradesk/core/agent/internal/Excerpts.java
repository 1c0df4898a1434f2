package com.astradesk.core.agent.internal;

import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the part of a chunk that answers a query and keeps its structure: the section's heading on its own line,
 * a list's items one per line with their numbers (a section with steps is quoted as the whole list, never cut
 * mid-step), prose from the sentence sharing the most words with the query onwards, paragraphs apart. Text is copied
 * verbatim; only the source's hard line wraps inside a paragraph or a step are joined. Stateless.
 */
final class Excerpts {
    /** Longest prose excerpt. */
    static final int MAX_CHARS = 600;
    /** Longest excerpt of a section with a list: steps are worth more room than prose. */
    static final int MAX_LIST_CHARS = 1200;

    private static final Pattern ITEM = Pattern.compile("^\\s{0,3}(?:\\d{1,3}[.)]|[-*+•])\\s+\\S.*");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");

    /** A chunk as the chunker wrote it: the heading path on the first line, a blank line, the body. */
    record Section(Optional<String> heading, String body) {}

    private Excerpts() {}

    /** Splits a chunk's text into its heading (when the first paragraph is a lone title line) and its body. */
    static Section section(String text) {
        String t = text.strip();
        int blank = t.indexOf("\n\n");
        if (blank > 0 && blank <= 200) {
            String first = t.substring(0, blank).strip();
            if (!first.contains("\n")
                    && !first.isEmpty()
                    && ".!?:;,".indexOf(first.charAt(first.length() - 1)) < 0
                    && !ITEM.matcher(first).matches()) {
                return new Section(Optional.of(first), t.substring(blank + 2).strip());
            }
        }
        return new Section(Optional.empty(), t);
    }

    /** Whether the chunk's body holds a list (numbered steps or bullets). */
    static boolean hasList(String text) {
        return units(section(text).body()).stream().anyMatch(Unit::item);
    }

    /** The excerpt of a chunk for a query: heading line, then the body's lines (see the class comment). */
    static String pick(String query, String text) {
        Section section = section(text);
        String body = body(query, section.body());
        return section.heading().map(h -> body.isEmpty() ? h : h + "\n" + body).orElse(body);
    }

    private static String body(String query, String body) {
        List<Unit> units = units(body);
        if (units.isEmpty()) {
            return "";
        }
        if (units.stream().anyMatch(Unit::item)) {
            return within(units.stream().map(Unit::text).toList(), MAX_LIST_CHARS);
        }
        return prose(query, units);
    }

    /** A paragraph or a list item, its hard line wraps joined. */
    private record Unit(String text, boolean item) {}

    private static List<Unit> units(String body) {
        List<Unit> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean item = false;
        for (String line : body.split("\n", -1)) {
            String stripped = line.strip();
            boolean startsItem = ITEM.matcher(line).matches();
            if (stripped.isEmpty() || startsItem || item && !line.startsWith(" ")) {
                flush(current, item, out);
                item = startsItem;
            }
            if (!stripped.isEmpty()) {
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(stripped);
            }
        }
        flush(current, item, out);
        return out;
    }

    private static void flush(StringBuilder current, boolean item, List<Unit> out) {
        if (current.length() > 0) {
            out.add(new Unit(current.toString(), item));
        }
        current.setLength(0);
    }

    /** Prose from the best sentence on, paragraphs kept apart, within {@link #MAX_CHARS}. */
    private static String prose(String query, List<Unit> paragraphs) {
        Set<String> wanted = words(query);
        int bestParagraph = 0;
        int bestSentence = 0;
        int bestHits = 0;
        List<List<String>> sentences = new ArrayList<>();
        for (int p = 0; p < paragraphs.size(); p++) {
            List<String> split = List.of(SENTENCE_END.split(paragraphs.get(p).text()));
            sentences.add(split);
            for (int s = 0; s < split.size(); s++) {
                Set<String> have = words(split.get(s));
                have.retainAll(wanted);
                if (have.size() > bestHits) {
                    bestHits = have.size();
                    bestParagraph = p;
                    bestSentence = s;
                }
            }
        }
        List<String> lines = new ArrayList<>();
        List<String> first = sentences.get(bestParagraph);
        lines.add(String.join(" ", first.subList(bestSentence, first.size())));
        for (int p = bestParagraph + 1; p < paragraphs.size(); p++) {
            lines.add(paragraphs.get(p).text());
        }
        return within(lines, MAX_CHARS);
    }

    /** Whole lines while they fit, then "…"; a first line longer than the budget is cut at a word. */
    private static String within(List<String> lines, int max) {
        var sb = new StringBuilder();
        for (String line : lines) {
            if (sb.length() == 0) {
                sb.append(truncate(line, max));
            } else if (sb.length() + 1 + line.length() <= max) {
                sb.append('\n').append(line);
            } else {
                sb.append("\n…");
                break;
            }
        }
        return sb.toString();
    }

    private static String truncate(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int cut = s.lastIndexOf(' ', max - 1);
        if (cut <= max / 2) {
            cut = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        }
        return s.substring(0, cut).strip() + "…";
    }

    private static Set<String> words(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = WORD.matcher(Language.fold(text));
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
