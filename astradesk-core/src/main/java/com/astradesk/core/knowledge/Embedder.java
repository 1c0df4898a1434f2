package com.astradesk.core.knowledge;

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
}
