package com.astradesk.core.knowledge.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cuts Markdown (or plain text) into heading-aware chunks of at most {@code maxChars} body characters. Each
 * section (the text under one ATX heading) is chunked on its own, so a chunk never straddles two sections and
 * carries the section's heading path. Paragraphs and fenced code blocks are kept whole when they fit; longer
 * ones are split at sentence, then word boundaries. Consecutive chunks of one section overlap by about
 * {@code overlapChars}. Immutable and thread-safe.
 */
public final class MarkdownChunker {
    private static final Pattern HEADING = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");

    private final int maxChars;
    private final int overlapChars;

    /**
     * @param maxChars     the largest chunk body (≥ 100)
     * @param overlapChars how much of a chunk's end is repeated at the start of the next (0 ≤ overlap &lt; max/2)
     */
    public MarkdownChunker(int maxChars, int overlapChars) {
        if (maxChars < 100) {
            throw new IllegalArgumentException("maxChars must be >= 100, was " + maxChars);
        }
        if (overlapChars < 0 || overlapChars >= maxChars / 2) {
            throw new IllegalArgumentException(
                    "overlapChars must be in [0, " + (maxChars / 2) + "), was " + overlapChars);
        }
        this.maxChars = maxChars;
        this.overlapChars = overlapChars;
    }

    /** Chunks Markdown, following its ATX ({@code #}) headings. */
    public List<TextChunk> chunkMarkdown(String markdown) {
        List<TextChunk> out = new ArrayList<>();
        List<String> titles = new ArrayList<>();
        List<Integer> levels = new ArrayList<>();
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        String fence = null;
        for (String line : markdown.split("\n", -1)) {
            Matcher f = FENCE.matcher(line);
            if (fence != null) {
                block.append(line).append('\n');
                if (f.find()
                        && f.group(1).charAt(0) == fence.charAt(0)
                        && f.group(1).length() >= fence.length()) {
                    fence = null;
                    flushBlock(block, blocks);
                }
                continue;
            }
            if (f.find()) {
                flushBlock(block, blocks);
                fence = f.group(1);
                block.append(line).append('\n');
                continue;
            }
            Matcher h = HEADING.matcher(line);
            if (h.matches()) {
                flushBlock(block, blocks);
                emitSection(titles, blocks, out);
                int level = h.group(1).length();
                while (!levels.isEmpty() && levels.get(levels.size() - 1) >= level) {
                    levels.remove(levels.size() - 1);
                    titles.remove(titles.size() - 1);
                }
                String title = h.group(2) == null ? "" : h.group(2).strip();
                if (!title.isEmpty()) {
                    levels.add(level);
                    titles.add(title);
                }
            } else if (line.isBlank()) {
                flushBlock(block, blocks);
            } else {
                block.append(line).append('\n');
            }
        }
        flushBlock(block, blocks);
        emitSection(titles, blocks, out);
        return out;
    }

    /** Chunks plain text: paragraphs (blank-line separated), no headings. */
    public List<TextChunk> chunkPlainText(String text) {
        List<String> blocks = new ArrayList<>();
        StringBuilder block = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            if (line.isBlank()) {
                flushBlock(block, blocks);
            } else {
                block.append(line).append('\n');
            }
        }
        flushBlock(block, blocks);
        List<TextChunk> out = new ArrayList<>();
        emitSection(List.of(), blocks, out);
        return out;
    }

    private static void flushBlock(StringBuilder block, List<String> blocks) {
        String text = block.toString().strip();
        if (!text.isEmpty()) {
            blocks.add(text);
        }
        block.setLength(0);
    }

    private void emitSection(List<String> path, List<String> blocks, List<TextChunk> out) {
        if (blocks.isEmpty()) {
            return;
        }
        List<String> pieces = new ArrayList<>();
        for (String b : blocks) {
            pieces.addAll(fit(b));
        }
        blocks.clear();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            if (current.length() == 0) {
                current.append(piece);
            } else if (current.length() + 2 + piece.length() <= maxChars) {
                current.append("\n\n").append(piece);
            } else {
                out.add(new TextChunk(path, current.toString()));
                String tail = tail(current.toString());
                current.setLength(0);
                if (!tail.isEmpty() && tail.length() + 1 + piece.length() <= maxChars) {
                    current.append(tail).append(' ');
                }
                current.append(piece);
            }
        }
        if (current.length() > 0) {
            out.add(new TextChunk(path, current.toString()));
        }
    }

    /** Splits a block longer than {@code maxChars} at sentence, then whitespace, then hard boundaries. */
    private List<String> fit(String block) {
        if (block.length() <= maxChars) {
            return List.of(block);
        }
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String sentence : SENTENCE_END.split(block)) {
            for (String part : splitLong(sentence)) {
                if (current.length() > 0 && current.length() + 1 + part.length() > maxChars) {
                    out.add(current.toString());
                    current.setLength(0);
                }
                if (current.length() > 0) {
                    current.append(' ');
                }
                current.append(part);
            }
        }
        if (current.length() > 0) {
            out.add(current.toString());
        }
        return out;
    }

    private List<String> splitLong(String text) {
        List<String> out = new ArrayList<>();
        String rest = text.strip();
        while (rest.length() > maxChars) {
            int cut = rest.lastIndexOf(' ', maxChars);
            if (cut < maxChars / 2) {
                cut = maxChars;
            }
            out.add(rest.substring(0, cut).strip());
            rest = rest.substring(cut).strip();
        }
        if (!rest.isEmpty()) {
            out.add(rest);
        }
        return out;
    }

    /** The last ~{@code overlapChars} of a chunk, starting at a word boundary. */
    private String tail(String chunk) {
        if (overlapChars == 0 || chunk.length() <= overlapChars) {
            return "";
        }
        int start = chunk.length() - overlapChars;
        int space = chunk.indexOf(' ', start);
        String tail = space < 0 ? chunk.substring(start) : chunk.substring(space + 1);
        return tail.strip();
    }
}
