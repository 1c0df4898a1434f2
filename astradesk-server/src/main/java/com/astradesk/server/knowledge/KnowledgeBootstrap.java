package com.astradesk.server.knowledge;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.knowledge.Retriever;
import com.astradesk.server.health.ReadinessCheck;
import com.astradesk.server.health.StillStartingException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gets the knowledge base ready without blocking start-up: once {@link #start() started} (the server wiring does
 * so as soon as the index exists, so the work overlaps the rest of the start-up), a background thread loads the
 * embedding model and ingests the start-up directory (if any). Until that is done the {@code knowledge}
 * readiness check fails, and questions that need knowledge wait up to a bounded time
 * ({@link #DEFAULT_QUERY_WAIT}); a question still unanswered after that gets "the knowledge base is still
 * loading" and is marked degraded (see {@link #wrap(Agent)}). Tool requests never wait. Thread-safe.
 */
public final class KnowledgeBootstrap implements AutoCloseable {
    /** How long a knowledge question waits for the initial load before being told it is still loading. */
    public static final Duration DEFAULT_QUERY_WAIT = Duration.ofSeconds(10);
    /** The readiness check's name. */
    public static final String CHECK_NAME = "knowledge";

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeBootstrap.class);

    private final Embedder embedder;
    private final DocumentIngestor ingestor;
    private final Optional<Path> directory;
    private final Duration queryWait;
    private final CountDownLatch done = new CountDownLatch(1);
    private final ThreadLocal<boolean[]> skipped = new ThreadLocal<>();
    private volatile Optional<IngestReport> report = Optional.empty();
    private volatile String failure;
    private volatile Thread worker;

    /**
     * @param embedder  the embedder to warm up (the knowledge index's own)
     * @param ingestor  writes the start-up directory into the index
     * @param directory the directory to ingest at start; empty = only load the model
     * @param queryWait how long a knowledge question waits for the load
     */
    public KnowledgeBootstrap(
            Embedder embedder, DocumentIngestor ingestor, Optional<Path> directory, Duration queryWait) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.queryWait = Objects.requireNonNull(queryWait, "queryWait");
    }

    /** Starts loading in a daemon thread; later calls do nothing. */
    public synchronized void start() {
        if (worker != null) {
            return;
        }
        worker = new Thread(this::load, "astradesk-knowledge-loader");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * Loads and ingests on the calling thread (what {@link #start()} runs in the background); logs one line when
     * ready (with the model's warm-up time and what the ingestion did), WARN per file not ingested.
     */
    void load() {
        long start = System.nanoTime();
        try {
            embedder.embed("warm-up");
            long warmUp = (System.nanoTime() - start) / 1_000_000;
            String ingested =
                    directory.map(this::ingest).map(summary -> "; " + summary).orElse("");
            LOG.info(
                    "knowledge base ready in {} ms (model warm-up {} ms{})",
                    (System.nanoTime() - start) / 1_000_000,
                    warmUp,
                    ingested);
        } catch (RuntimeException e) {
            failure = e.getMessage();
            LOG.error("knowledge base failed to load; knowledge questions will find nothing: {}", e.toString(), e);
        } finally {
            done.countDown();
        }
    }

    /** Ingests {@code dir}; returns what happened, in words. */
    private String ingest(Path dir) {
        if (!Files.isDirectory(dir)) {
            LOG.warn(
                    "knowledge directory {} not found; running with an empty knowledge base (set KNOWLEDGE_DIR, or"
                            + " add documents with POST /v1/documents)",
                    dir);
            return dir + " not found";
        }
        IngestReport r = ingestor.ingest(dir);
        report = Optional.of(r);
        r.failures()
                .forEach(f -> LOG.warn(
                        "knowledge file {} not ingested: {}",
                        f.source(),
                        f.error().orElse("?")));
        return dir + ": " + r.summary();
    }

    /** Whether the initial load has finished (successfully or not). */
    public boolean isDone() {
        return done.getCount() == 0;
    }

    /** Whether the initial load finished and succeeded. */
    public boolean isReady() {
        return isDone() && failure == null;
    }

    /** Waits up to {@code timeout} for the initial load; returns whether it has finished. */
    public boolean awaitDone(Duration timeout) {
        try {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isDone();
        }
    }

    /** What the start-up ingestion did, once it has run over an existing directory. */
    public Optional<IngestReport> report() {
        return report;
    }

    /** The {@value #CHECK_NAME} readiness check: fails while loading and after a failed load. */
    public ReadinessCheck readinessCheck() {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return CHECK_NAME;
            }

            @Override
            public void probe() {
                if (!isDone()) {
                    throw new StillStartingException("knowledge base still loading");
                }
                if (failure != null) {
                    throw new IllegalStateException("knowledge base failed to load: " + failure);
                }
            }
        };
    }

    /** A retriever that waits for the initial load (bounded) before asking {@code delegate}. */
    public Retriever retriever(Retriever delegate) {
        Objects.requireNonNull(delegate, "delegate");
        return query -> {
            if (!awaitDone(queryWait)) {
                boolean[] flag = skipped.get();
                if (flag != null) {
                    flag[0] = true;
                }
                return java.util.List.of();
            }
            return delegate.retrieve(query);
        };
    }

    /**
     * The agent answering "the knowledge base is still loading" (degraded) when its run needed knowledge that
     * {@link #retriever} could not provide in time; other runs pass through unchanged.
     */
    public Agent wrap(Agent agent) {
        return new LoadingAwareAgent(agent, this);
    }

    /** Runs {@code body} and reports whether this thread's retrieval was skipped because of the load. */
    <T> T tracking(java.util.function.Supplier<T> body, boolean[] flag) {
        boolean[] previous = skipped.get();
        skipped.set(flag);
        try {
            return body.get();
        } finally {
            if (previous == null) {
                skipped.remove();
            } else {
                skipped.set(previous);
            }
        }
    }

    /** Stops a load still running (the daemon thread is interrupted). */
    @Override
    public void close() {
        Thread t = worker;
        if (t != null && t.isAlive()) {
            t.interrupt();
        }
    }
}
