package com.astradesk.core.knowledge.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** Checks a document's name and bytes and decodes them to normalized text (LF line ends, no BOM). */
final class DocumentText {
    /** Accepted extensions, lower-case. */
    static final Set<String> MARKDOWN = Set.of("md", "markdown");

    static final Set<String> TEXT = Set.of("txt");

    /** Why a document is rejected. */
    static final class Rejected extends Exception {
        private static final long serialVersionUID = 1L;

        Rejected(String reason) {
            super(reason, null, false, false);
        }
    }

    private DocumentText() {}

    /** The lower-case extension of {@code name}, if any. */
    static Optional<String> extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash + 1 && dot < name.length() - 1
                ? Optional.of(name.substring(dot + 1).toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /** Rejects names whose extension is neither Markdown nor text. */
    static void checkSupported(String name) throws Rejected {
        String ext = extension(name).orElse("");
        if (!MARKDOWN.contains(ext) && !TEXT.contains(ext)) {
            throw new Rejected("unsupported file type " + (ext.isEmpty() ? "(no extension)" : "'." + ext + "'")
                    + "; supported: .md, .markdown, .txt");
        }
    }

    /** Rejects sizes of zero or above the limit. */
    static void checkSize(long size, long maxBytes) throws Rejected {
        if (size == 0) {
            throw new Rejected("empty file");
        }
        if (size > maxBytes) {
            throw new Rejected("too large: " + size + " bytes (limit " + maxBytes + ")");
        }
    }

    /** Strict UTF-8 decoding; binary content (a NUL byte) and malformed sequences are rejected with their offset. */
    static String decode(byte[] bytes) throws Rejected {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == 0) {
                throw new Rejected("binary content (NUL byte at offset " + i + "), not a text document");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        CoderResult result = decoder.decode(in, out, true);
        if (result.isError()) {
            throw new Rejected("invalid UTF-8 at byte offset " + in.position());
        }
        decoder.flush(out);
        out.flip();
        String text = out.toString();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        text = text.replace("\r\n", "\n").replace('\r', '\n');
        if (text.isBlank()) {
            throw new Rejected("empty document (only whitespace)");
        }
        return text;
    }
}
