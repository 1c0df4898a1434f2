package com.astradesk.core.knowledge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Indexes plain-text test documents, one chunk per paragraph (blank-line separated). */
public final class TestDocuments {
    private TestDocuments() {}

    /** Indexes {@code text} as {@code source}, readable by {@code acl} (empty = public). */
    public static void index(KnowledgeIndex index, Embedder embedder, String source, String text, Set<String> acl) {
        String sha = sha256(text);
        List<DocumentChunk> chunks = new ArrayList<>();
        String[] paragraphs = text.strip().split("\\n\\s*\\n");
        for (int i = 0; i < paragraphs.length; i++) {
            chunks.add(new DocumentChunk(source, i, paragraphs[i].strip(), acl, sha, embedder.embed(paragraphs[i])));
        }
        index.replace(source, sha, chunks);
    }

    /** SHA-256 of the text, hex. */
    public static String sha256(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
