package com.astradesk.core.agent.internal;

import com.astradesk.core.text.Language;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks the part of a chunk that answers a query: the sentence sharing the most words with the query, plus
 * the sentences after it up to a length budget. Text is copied verbatim, only trimmed.
 */
final class Excerpts {
    static final int MAX_CHARS = 600;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+|\\n\\s*\\n|\\n(?=\\s*[-*#\\d])");
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{3,}");

    private Excerpts() {}

    static String pick(String query, String text) {
        List<String> sentences = SENTENCE_END
                .splitAsStream(text.strip())
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
        if (sentences.isEmpty()) {
            return "";
        }
        Set<String> wanted = words(query);
        int bestIndex = 0;
        int bestHits = 0;
        for (int i = 0; i < sentences.size(); i++) {
            Set<String> have = words(sentences.get(i));
            have.retainAll(wanted);
            if (have.size() > bestHits) {
                bestHits = have.size();
                bestIndex = i;
            }
        }
        var sb = new StringBuilder(sentences.get(bestIndex));
        for (int i = bestIndex + 1; i < sentences.size(); i++) {
            if (sb.length() + 1 + sentences.get(i).length() > MAX_CHARS) {
                break;
            }
            sb.append(' ').append(sentences.get(i));
        }
        return truncate(sb.toString());
    }

    private static String truncate(String s) {
        if (s.length() <= MAX_CHARS) {
            return s;
        }
        int cut = s.lastIndexOf(' ', MAX_CHARS - 1);
        if (cut <= MAX_CHARS / 2) {
            cut = Character.isHighSurrogate(s.charAt(MAX_CHARS - 2)) ? MAX_CHARS - 2 : MAX_CHARS - 1;
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
