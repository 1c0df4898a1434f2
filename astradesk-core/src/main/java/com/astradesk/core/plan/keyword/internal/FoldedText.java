package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.text.Language;

/**
 * A text folded with {@link Language#fold} (lower case, no diacritics, typographic apostrophes and spaces
 * made plain) that remembers where each folded character came from, so a match found in the folded text can
 * be cut out of the original with its case and diacritics intact. Immutable and thread-safe.
 */
public final class FoldedText {
    private final String original;
    private final String folded;
    private final int[] origins;

    private FoldedText(String original, String folded, int[] origins) {
        this.original = original;
        this.folded = folded;
        this.origins = origins;
    }

    /** Folds the text, code point by code point. */
    public static FoldedText of(String original) {
        var out = new StringBuilder(original.length());
        int[] origins = new int[original.length() + 1];
        int i = 0;
        while (i < original.length()) {
            int cp = original.codePointAt(i);
            int width = Character.charCount(cp);
            String piece = foldOne(cp);
            for (int k = 0; k < piece.length(); k++) {
                if (out.length() + 1 >= origins.length) {
                    origins = java.util.Arrays.copyOf(origins, origins.length * 2);
                }
                origins[out.length()] = i;
                out.append(piece.charAt(k));
            }
            i += width;
        }
        origins[out.length()] = original.length();
        return new FoldedText(original, out.toString(), origins);
    }

    private static String foldOne(int cp) {
        if (cp < 0x80) {
            return String.valueOf((char) Character.toLowerCase(cp));
        }
        return switch (cp) {
            case '\u2018', '\u2019', '\u02bc', '`', '\u00b4' -> "'";
            case '\u00a0', '\u2007', '\u202f' -> " ";
            case '\u2013', '\u2014' -> "-";
            default -> Language.fold(new String(Character.toChars(cp)));
        };
    }

    /** The original text. */
    public String original() {
        return original;
    }

    /** The folded text. */
    public String text() {
        return folded;
    }

    /** The part of the original text that folded into {@code text().substring(start, end)}. */
    public String originalSlice(int start, int end) {
        if (start < 0 || end > folded.length() || start > end) {
            throw new IndexOutOfBoundsException("slice [" + start + ", " + end + ") of " + folded.length());
        }
        int from = origins[start];
        int to = end == folded.length() ? original.length() : origins[end];
        return original.substring(from, Math.max(from, to));
    }
}
