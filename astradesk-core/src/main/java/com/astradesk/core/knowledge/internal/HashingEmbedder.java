package com.astradesk.core.knowledge.internal;

import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.text.Language;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Feature-hashing embedder: folded words, cut to their first six letters, as unigrams (weight 1) and bigrams
 * (weight 0.5) hashed with 64-bit FNV-1a into signed buckets, then L2-normalised. Common function words are skipped so that they do not
 * dominate short texts. Stateless and thread-safe.
 */
public final class HashingEmbedder implements Embedder {
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]+");
    private static final float BIGRAM_WEIGHT = 0.5f;
    /** Words are cut to this many letters: a crude stem that lets "passwords"/"password", "zresetuj"/"zresetować" meet. */
    private static final int STEM_LENGTH = 6;

    private static final Set<String> STOP_WORDS = Set.of(
            "a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "is", "are", "be", "it", "i", "my",
            "me", "do", "does", "how", "what", "can", "you", "your", "with", "this", "that", "please", "w", "z", "na",
            "sie", "jak", "czy", "co", "jest", "mi", "mnie", "moje", "moj", "prosze", "oraz", "dla");
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;

    private final int dimension;

    public HashingEmbedder(int dimension) {
        if (dimension < 16) {
            throw new IllegalArgumentException("dimension must be >= 16, was " + dimension);
        }
        this.dimension = dimension;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[] embed(String text) {
        Objects.requireNonNull(text, "text");
        float[] v = new float[dimension];
        List<String> words = words(text);
        for (int i = 0; i < words.size(); i++) {
            add(v, words.get(i), 1f);
            if (i + 1 < words.size()) {
                add(v, words.get(i) + ' ' + words.get(i + 1), BIGRAM_WEIGHT);
            }
        }
        normalise(v);
        return v;
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        return texts.stream().map(this::embed).toList();
    }

    private static List<String> words(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = WORD.matcher(Language.fold(text));
        while (m.find()) {
            String w = m.group();
            if (!STOP_WORDS.contains(w)) {
                out.add(w.length() > STEM_LENGTH ? w.substring(0, STEM_LENGTH) : w);
            }
        }
        return out;
    }

    private void add(float[] v, String feature, float weight) {
        long h = FNV_OFFSET;
        for (byte b : feature.getBytes(StandardCharsets.UTF_8)) {
            h ^= (b & 0xff);
            h *= FNV_PRIME;
        }
        int bucket = (int) Long.remainderUnsigned(h, dimension);
        // the top bit picks the sign so that collisions cancel out on average instead of piling up
        v[bucket] += (h < 0 ? -weight : weight);
    }

    private static void normalise(float[] v) {
        double sum = 0;
        for (float x : v) {
            sum += x * x;
        }
        if (sum == 0) {
            return;
        }
        float inv = (float) (1 / Math.sqrt(sum));
        for (int i = 0; i < v.length; i++) {
            v[i] *= inv;
        }
    }
}
