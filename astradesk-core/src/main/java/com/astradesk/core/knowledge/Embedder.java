package com.astradesk.core.knowledge;

import com.astradesk.core.knowledge.internal.HashingEmbedder;
import java.util.List;

/** Turns text into vectors. Thread-safe. The default (in {@code astradesk-model}) is all-MiniLM-L6-v2, 384-d. */
public interface Embedder {
    /** Vector length. */
    int dimension();

    /** Embeds one text. */
    default float[] embed(String text) {
        return embedAll(List.of(text)).get(0);
    }

    /** Embeds a batch, in order (batching is much cheaper than one by one). */
    List<float[]> embedAll(List<String> texts);

    /**
     * A deterministic embedder that needs no model: diacritics-folded, lower-cased words (cut to six letters,
     * a crude stem for inflected languages) as unigrams and bigrams are hashed into {@code dimension} buckets (signed feature hashing) and the vector is L2-normalised.
     * It matches words, not meaning, so it suits tests, demos and small keyword-like corpora; use a real
     * model (all-MiniLM-L6-v2 from {@code astradesk-model}) for semantic search. Thread-safe.
     *
     * @param dimension vector length, at least 16 (256–1024 works well)
     * @throws IllegalArgumentException when {@code dimension < 16}
     */
    static Embedder hashing(int dimension) {
        return new HashingEmbedder(dimension);
    }
}
