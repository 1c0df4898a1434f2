package com.astradesk.model.embedding;

import com.astradesk.core.knowledge.Embedder;
import com.astradesk.model.internal.MiniLmEncoder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default embedder: all-MiniLM-L6-v2 (quantized ONNX, 384 dimensions) running in-process and offline. The
 * model (~23 MB) loads once per JVM on first use or {@link #warmUp()} (about a second) and is shared by every
 * instance. A batch ({@link #embedAll}) is spread over one thread per core, each text on a single-threaded
 * inference; a single text runs on the caller's thread. Thread-safe.
 */
public final class LocalEmbedder implements Embedder {
    /** The model's vector length. */
    public static final int DIMENSION = MiniLmEncoder.DIMENSION;
    /** The model's name. */
    public static final String MODEL_NAME = "all-MiniLM-L6-v2-q";

    private static final Logger LOG = LoggerFactory.getLogger(LocalEmbedder.class);

    private LocalEmbedder() {}

    /** An embedder over the shared local model; cheap (the model loads on first embedding). */
    public static LocalEmbedder create() {
        return new LocalEmbedder();
    }

    /**
     * Loads the model now (e.g. at server start) instead of on the first request.
     *
     * @throws EmbeddingException when the model cannot be loaded
     */
    public LocalEmbedder warmUp() {
        ModelHolder.model();
        return this;
    }

    @Override
    public int dimension() {
        return DIMENSION;
    }

    /**
     * @throws IllegalArgumentException when a text is null or blank
     * @throws EmbeddingException       when the model cannot be loaded or fails
     */
    @Override
    public List<float[]> embedAll(List<String> texts) {
        Objects.requireNonNull(texts, "texts");
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i);
            if (text == null || text.isBlank()) {
                throw new IllegalArgumentException("text " + i + " is " + (text == null ? "null" : "blank"));
            }
        }
        if (texts.isEmpty()) {
            return List.of();
        }
        MiniLmEncoder model = ModelHolder.model();
        try {
            return texts.size() == 1 ? List.of(model.embed(texts.get(0))) : Workers.embedAll(model, texts);
        } catch (RuntimeException e) {
            throw new EmbeddingException(
                    MODEL_NAME, "embedding " + texts.size() + " text(s) failed: " + e.getMessage(), e);
        }
    }

    /** Daemon threads, one per core, that embed the texts of a batch in parallel with its caller. */
    private static final class Workers {
        private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
        private static final AtomicInteger COUNT = new AtomicInteger();
        private static final ExecutorService POOL = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "astradesk-embedder-" + COUNT.incrementAndGet());
            t.setDaemon(true);
            return t;
        });

        static List<float[]> embedAll(MiniLmEncoder model, List<String> texts) {
            float[][] out = new float[texts.size()][];
            AtomicInteger next = new AtomicInteger();
            Runnable drain = () -> {
                for (int i = next.getAndIncrement(); i < texts.size(); i = next.getAndIncrement()) {
                    out[i] = model.embed(texts.get(i));
                }
            };
            int helpers = Math.min(THREADS, texts.size()) - 1;
            List<Future<?>> futures = new ArrayList<>(helpers);
            for (int h = 0; h < helpers; h++) {
                futures.add(POOL.submit(drain));
            }
            RuntimeException failure = null;
            try {
                drain.run();
            } catch (RuntimeException e) {
                next.set(texts.size()); // stop the helpers early
                failure = e;
            }
            for (Future<?> f : futures) {
                try {
                    f.get();
                } catch (ExecutionException e) {
                    if (failure == null) {
                        failure = e.getCause() instanceof RuntimeException r
                                ? r
                                : new IllegalStateException(e.getCause().getMessage(), e.getCause());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    next.set(texts.size());
                    throw new IllegalStateException("interrupted while embedding", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
            return List.of(out);
        }
    }

    /** Loads the shared model once; a failed load is reported to every caller and retried on the next call. */
    private static final class ModelHolder {
        private static volatile MiniLmEncoder model;

        static MiniLmEncoder model() {
            MiniLmEncoder m = model;
            if (m == null) {
                synchronized (ModelHolder.class) {
                    m = model;
                    if (m == null) {
                        m = load();
                        model = m;
                    }
                }
            }
            return m;
        }

        private static MiniLmEncoder load() {
            long start = System.nanoTime();
            try {
                MiniLmEncoder m = MiniLmEncoder.load();
                LOG.debug("loaded {} in {} ms", MODEL_NAME, (System.nanoTime() - start) / 1_000_000);
                return m;
            } catch (RuntimeException | LinkageError e) {
                throw new EmbeddingException(MODEL_NAME, "cannot load the local model: " + e.getMessage(), e);
            }
        }
    }
}
