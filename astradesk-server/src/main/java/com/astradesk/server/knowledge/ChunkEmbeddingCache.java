package com.astradesk.server.knowledge;

import com.astradesk.core.knowledge.Embedder;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The vectors of the knowledge chunks ingested at start, kept in a file between starts so that a start embeds only
 * the chunks it has not embedded before: in embedded mode the index lives in memory and the start-up directory is
 * ingested on every start, and embedding its chunks with the local model was a third of the CPU the knowledge base
 * needed before {@code /readyz}. A vector is keyed by the SHA-256 of its chunk's exact text, and the file names the
 * model and the vector length it was made with: a changed chunk (a changed document, another chunk size) misses and
 * is embedded, a file of another model or format is ignored whole. {@link #save()} writes the vectors the start used,
 * so chunks of deleted or changed documents leave the file. A file that cannot be read is ignored (and replaced on
 * save); one that cannot be written costs only the next start's time. Thread-safe.
 */
public final class ChunkEmbeddingCache {
    private static final Logger LOG = LoggerFactory.getLogger(ChunkEmbeddingCache.class);
    private static final int MAGIC = 0x41444543; // "ADEC"
    private static final int FORMAT = 1;
    private static final int KEY_BYTES = 32;

    private final Path file;
    private final String modelId;
    private final int dimension;
    private final Map<String, float[]> stored;
    private final Map<String, float[]> used = new ConcurrentHashMap<>();
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();

    private ChunkEmbeddingCache(Path file, String modelId, int dimension, Map<String, float[]> stored) {
        this.file = file;
        this.modelId = modelId;
        this.dimension = dimension;
        this.stored = stored;
    }

    /**
     * Reads {@code file} if it exists and holds vectors of {@code modelId} with {@code dimension} components; else
     * starts empty (a file that is unreadable, of another model or of another format is logged and ignored).
     *
     * @param file      where the vectors are kept (its directory is created on {@link #save()})
     * @param modelId   the embedding model's name and revision: vectors of any other are never used
     * @param dimension the model's vector length
     */
    public static ChunkEmbeddingCache open(Path file, String modelId, int dimension) {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(modelId, "modelId");
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, was " + dimension);
        }
        Map<String, float[]> stored = new ConcurrentHashMap<>();
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 1 << 16))) {
            if (in.readInt() != MAGIC || in.readInt() != FORMAT) {
                LOG.info("embedding cache {} has another format; chunks are embedded again", file);
            } else if (!in.readUTF().equals(modelId) || in.readInt() != dimension) {
                LOG.info("embedding cache {} holds another model's vectors; chunks are embedded again", file);
            } else {
                int count = in.readInt();
                byte[] key = new byte[KEY_BYTES];
                for (int i = 0; i < count; i++) {
                    in.readFully(key);
                    float[] vector = new float[dimension];
                    for (int j = 0; j < dimension; j++) {
                        vector[j] = in.readFloat();
                    }
                    stored.put(HexFormat.of().formatHex(key), vector);
                }
            }
        } catch (NoSuchFileException e) {
            // the first start: nothing cached yet
        } catch (EOFException e) {
            stored.clear();
            LOG.warn("embedding cache {} is truncated; chunks are embedded again", file);
        } catch (IOException e) {
            stored.clear();
            LOG.warn("embedding cache {} cannot be read ({}); chunks are embedded again", file, e.toString());
        }
        return new ChunkEmbeddingCache(file, modelId, dimension, stored);
    }

    /**
     * An embedder answering from this cache and asking {@code model} (in one batch) only for texts it does not hold;
     * every vector it returns is remembered for {@link #save()}.
     *
     * @throws IllegalArgumentException when {@code model}'s dimension is not this cache's
     */
    public Embedder over(Embedder model) {
        Objects.requireNonNull(model, "model");
        if (model.dimension() != dimension) {
            throw new IllegalArgumentException(
                    "model dimension " + model.dimension() + " is not the cache's " + dimension);
        }
        return new Embedder() {
            @Override
            public int dimension() {
                return dimension;
            }

            @Override
            public List<float[]> embedAll(List<String> texts) {
                return lookUp(model, texts);
            }
        };
    }

    private List<float[]> lookUp(Embedder model, List<String> texts) {
        float[][] out = new float[texts.size()][];
        List<String> missingTexts = new ArrayList<>();
        List<Integer> missingAt = new ArrayList<>();
        List<String> missingKeys = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String key = key(texts.get(i));
            float[] vector = used.get(key);
            if (vector == null) {
                vector = stored.get(key);
            }
            if (vector != null) {
                used.put(key, vector);
                out[i] = vector.clone();
                hits.incrementAndGet();
            } else {
                missingTexts.add(texts.get(i));
                missingAt.add(i);
                missingKeys.add(key);
            }
        }
        if (!missingTexts.isEmpty()) {
            List<float[]> vectors = model.embedAll(missingTexts);
            if (vectors.size() != missingTexts.size()) {
                throw new IllegalStateException(
                        "embedder returned " + vectors.size() + " vectors for " + missingTexts.size() + " texts");
            }
            for (int m = 0; m < vectors.size(); m++) {
                float[] vector = vectors.get(m);
                if (vector.length != dimension) {
                    throw new IllegalStateException(
                            "embedder returned a vector of " + vector.length + " components, not " + dimension);
                }
                used.put(missingKeys.get(m), vector.clone());
                out[missingAt.get(m)] = vector;
                misses.incrementAndGet();
            }
        }
        return List.of(out);
    }

    /** Texts answered from the file so far. */
    public int hits() {
        return hits.get();
    }

    /** Texts the model embedded so far. */
    public int misses() {
        return misses.get();
    }

    /**
     * Writes the vectors used since {@link #open} (replacing the file atomically where the file system can), unless
     * they are exactly the ones read; a failure is logged, not thrown.
     *
     * @return whether the file was written
     */
    public boolean save() {
        if (misses.get() == 0 && used.keySet().equals(stored.keySet())) {
            return false;
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream raw = Files.newOutputStream(tmp);
                    DataOutputStream out = new DataOutputStream(new BufferedOutputStream(raw, 1 << 16))) {
                out.writeInt(MAGIC);
                out.writeInt(FORMAT);
                out.writeUTF(modelId);
                out.writeInt(dimension);
                Map<String, float[]> snapshot = Map.copyOf(used);
                out.writeInt(snapshot.size());
                for (Map.Entry<String, float[]> e : snapshot.entrySet()) {
                    out.write(HexFormat.of().parseHex(e.getKey()));
                    for (float f : e.getValue()) {
                        out.writeFloat(f);
                    }
                }
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("embedding cache {} not written ({}); the next start embeds its chunks again", file, e.toString());
            try {
                Files.deleteIfExists(tmp);
            } catch (IOException ignored) {
                // best effort
            }
            return false;
        }
    }

    private static String key(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
