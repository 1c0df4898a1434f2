package com.astradesk.core.knowledge;

import java.util.ArrayList;
import java.util.List;

/** A tiny deterministic embedder (letter histogram) that records its batch sizes. */
final class CountingEmbedder implements Embedder {
    final List<Integer> batches = new ArrayList<>();

    @Override
    public int dimension() {
        return 26;
    }

    @Override
    public synchronized List<float[]> embedAll(List<String> texts) {
        batches.add(texts.size());
        List<float[]> out = new ArrayList<>();
        for (String t : texts) {
            float[] v = new float[26];
            for (char c : t.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
                if (c >= 'a' && c <= 'z') {
                    v[c - 'a']++;
                }
            }
            out.add(v);
        }
        return out;
    }
}
