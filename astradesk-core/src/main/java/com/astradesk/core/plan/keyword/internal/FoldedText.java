package com.astradesk.core.plan.keyword.internal;

import com.astradesk.core.text.Language;
import java.util.Arrays;

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
            if (cp < 0x80) {
                origins = record(origins, out.length(), i);
                out.append((char) Character.toLowerCase(cp));
            } else {
                String piece = foldOne(cp);
                for (int k = 0; k < piece.length(); k++) {
                    origins = record(origins, out.length(), i);
                    out.append(piece.charAt(k));
                }
            }
            i += Character.charCount(cp);
        }
        origins = record(origins, out.length(), original.length());
        return new FoldedText(original, out.toString(), origins);
    }

    private static int[] record(int[] origins, int at, int origin) {
        int[] out = at < origins.length ? origins : Arrays.copyOf(origins, origins.length * 2 + 1);
        out[at] = origin;
        return out;
    }

    private static String foldOne(int cp) {
        return switch (cp) {
            case '\u2018', '\u2019', '\u02bc', '\u00b4' -> "'";
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
