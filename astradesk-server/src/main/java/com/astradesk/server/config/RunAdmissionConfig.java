package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * Admission control of synchronous agent runs ({@code POST /v1/agents/run}, JSON and event streams): at most
 * {@code concurrency} runs execute at once, later ones wait in arrival order, a run that waited {@code queueTimeout}
 * is refused with {@code 503} and {@code Retry-After}. A run gives its slot back when it starts waiting for the run
 * journal's commit, so the group commit still gathers every waiting run into one batch. Immutable.
 *
 * @param concurrency  {@code RUN_CONCURRENCY}: 0..1024 or {@code auto} ({@link #auto(int)} of the JVM's processors);
 *                     0, the default, turns the limit off (every request thread runs at once, sharing the cores):
 *                     on two shared cores a limit measured a worse p99, not a better one (docs/PERFORMANCE.md, "Round
 *                     four"), so it is an opt-in bound on queueing under overload
 * @param queueTimeout {@code RUN_QUEUE_TIMEOUT} (default 5s, 1ms..10m): longest wait for a slot
 */
public record RunAdmissionConfig(int concurrency, Duration queueTimeout) {
    /** Most runs that may be allowed at once. */
    public static final int MAX_CONCURRENCY = 1024;
    /** Longest accepted queue timeout. */
    public static final Duration MAX_QUEUE_TIMEOUT = Duration.ofMinutes(10);
    /** Default queue timeout: a run queued longer is refused rather than left hanging. */
    public static final Duration DEFAULT_QUEUE_TIMEOUT = Duration.ofSeconds(5);
    /** Slots per processor of {@code RUN_CONCURRENCY=auto}. */
    static final int SLOTS_PER_PROCESSOR = 2;

    public RunAdmissionConfig {
        Objects.requireNonNull(queueTimeout, "queueTimeout");
        if (concurrency < 0 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException(
                    "concurrency must be 0.." + MAX_CONCURRENCY + " (0: no limit), was " + concurrency);
        }
        if (queueTimeout.isNegative() || queueTimeout.isZero() || queueTimeout.compareTo(MAX_QUEUE_TIMEOUT) > 0) {
            throw new IllegalArgumentException("queueTimeout must be positive and at most 10m, was " + queueTimeout);
        }
    }

    /** No limit: every run executes as soon as its request thread gets to it. */
    public static RunAdmissionConfig unlimited() {
        return new RunAdmissionConfig(0, DEFAULT_QUEUE_TIMEOUT);
    }

    /** The defaults: no limit, 5 s queue timeout (used once a limit is set). */
    public static RunAdmissionConfig defaults() {
        return unlimited();
    }

    /** {@code RUN_CONCURRENCY=auto}: {@value #SLOTS_PER_PROCESSOR} slots per processor. */
    public static int auto(int processors) {
        return Math.min(MAX_CONCURRENCY, Math.max(1, processors) * SLOTS_PER_PROCESSOR);
    }

    /** Whether runs are limited at all. */
    public boolean limited() {
        return concurrency > 0;
    }

    static RunAdmissionConfig from(EnvReader env) {
        String raw = env.string("RUN_CONCURRENCY", "0").toLowerCase(Locale.ROOT);
        int concurrency;
        if (raw.equals("auto")) {
            concurrency = auto(Runtime.getRuntime().availableProcessors());
        } else {
            try {
                concurrency = Integer.parseInt(raw);
            } catch (NumberFormatException e) {
                throw new ConfigException(
                        "RUN_CONCURRENCY",
                        "RUN_CONCURRENCY must be auto or a whole number 0.." + MAX_CONCURRENCY + " (0: no limit); was '"
                                + abbreviate(raw) + "'");
            }
            if (concurrency < 0 || concurrency > MAX_CONCURRENCY) {
                throw new ConfigException(
                        "RUN_CONCURRENCY",
                        "RUN_CONCURRENCY must be auto or 0.." + MAX_CONCURRENCY + " (0: no limit); was " + concurrency);
            }
        }
        Duration timeout = env.duration("RUN_QUEUE_TIMEOUT", DEFAULT_QUEUE_TIMEOUT);
        if (timeout.compareTo(MAX_QUEUE_TIMEOUT) > 0) {
            throw new ConfigException("RUN_QUEUE_TIMEOUT", "RUN_QUEUE_TIMEOUT must be at most 10m; was " + timeout);
        }
        return new RunAdmissionConfig(concurrency, timeout);
    }

    private static String abbreviate(String s) {
        return s.length() <= 32 ? s : s.substring(0, 32) + "…";
    }
}
