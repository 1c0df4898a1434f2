package com.astradesk.core.knowledge;

import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Answers in the question's language when the knowledge base has a document in it: the retrieved chunks written in
 * the question's language come first, each group keeping its order by score. The embedding model the product ships
 * scores an English runbook close to its Polish translation, so without this a Polish question is often answered
 * from the English document. Chunks in the other language stay (after), so a question only the other language's
 * documents answer is still answered. Stateless.
 */
public final class LanguagePreference {
    private LanguagePreference() {}

    /**
     * The chunks with those in {@code language} first (stable).
     *
     * @throws NullPointerException when an argument is null
     */
    public static List<KnowledgeChunk> sameLanguageFirst(List<KnowledgeChunk> chunks, Language language) {
        Objects.requireNonNull(chunks, "chunks");
        Objects.requireNonNull(language, "language");
        List<KnowledgeChunk> same = new ArrayList<>();
        List<KnowledgeChunk> other = new ArrayList<>();
        for (KnowledgeChunk c : chunks) {
            (Language.detect(c.text()) == language ? same : other).add(c);
        }
        same.addAll(other);
        return List.copyOf(same);
    }
}
