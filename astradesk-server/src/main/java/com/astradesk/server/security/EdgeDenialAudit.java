package com.astradesk.server.security;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.redaction.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Audits authentication failures at the edge ({@code auth.denied}: reason code, the token's unverified subject
 * when it could be parsed, the client address — never the token) without letting a token-spraying client flood
 * the journal. Failures are counted per (client address, reason) and window: the first one of a window is
 * recorded at once ({@code count} 1); the rest are summed into one record written when the window ends ({@code
 * aggregated: true}, {@code count}, first and last time seen). At most {@code maxSources} distinct (address,
 * reason) pairs get records of their own per window; failures from further pairs are summed into one overflow
 * record (address {@code *}). So a window writes at most {@code 2 × maxSources + 1} records however many
 * requests arrive, and every failure is counted. Thread-safe; {@link #close()} writes what is pending.
 */
public final class EdgeDenialAudit implements AutoCloseable {
    /** The audit action. */
    public static final String ACTION = "auth.denied";
    /** The address of the overflow aggregate. */
    static final String OVERFLOW = "*";

    private static final Logger LOG = LoggerFactory.getLogger(EdgeDenialAudit.class);
    private static final int MAX_SUBJECT = 128;

    private final Consumer<List<AuditRecord>> journal;
    private final Clock clock;
    private final Duration window;
    private final int maxSources;
    private final Redactor redactor;
    private final ConcurrentHashMap<Source, Counter> counters = new ConcurrentHashMap<>();
    private final ScheduledExecutorService flusher;

    /**
     * @param journal    where records go (the run journal's {@code recordEvents})
     * @param window     how long failures of one source are summed (≥ 1 s)
     * @param maxSources most (address, reason) pairs with records of their own per window (≥ 1)
     * @param flushEvery how often ended windows are written; {@link Duration#ZERO} for no background flush (tests
     *                   call {@link #flush()})
     */
    public EdgeDenialAudit(
            Consumer<List<AuditRecord>> journal,
            Clock clock,
            Duration window,
            int maxSources,
            Duration flushEvery,
            Redactor redactor) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = Objects.requireNonNull(window, "window");
        if (window.compareTo(Duration.ofSeconds(1)) < 0 || maxSources < 1) {
            throw new IllegalArgumentException("window must be >= 1s and maxSources >= 1");
        }
        this.maxSources = maxSources;
        this.redactor = Objects.requireNonNull(redactor, "redactor");
        if (flushEvery.isZero()) {
            this.flusher = null;
        } else {
            this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "astradesk-auth-denials");
                t.setDaemon(true);
                return t;
            });
            flusher.scheduleWithFixedDelay(
                    this::flushQuietly, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** A server's default: one-minute windows, 1000 sources per window, flushed every ten seconds. */
    public static EdgeDenialAudit standard(Consumer<List<AuditRecord>> journal) {
        return new EdgeDenialAudit(
                journal, Clock.systemUTC(), Duration.ofMinutes(1), 1000, Duration.ofSeconds(10), Redactor.standard());
    }

    /** As {@link #standard(Consumer)}, redacting what it records with {@code redactor}. */
    public static EdgeDenialAudit standard(Consumer<List<AuditRecord>> journal, Redactor redactor) {
        return new EdgeDenialAudit(
                journal, Clock.systemUTC(), Duration.ofMinutes(1), 1000, Duration.ofSeconds(10), redactor);
    }

    /** Discards everything (servers built without a journal, e.g. in tests). */
    public static EdgeDenialAudit discarding() {
        return new EdgeDenialAudit(
                records -> {}, Clock.systemUTC(), Duration.ofMinutes(1), 1, Duration.ZERO, Redactor.standard());
    }

    /**
     * Counts one failure and records it when it is the first of its source in this window.
     *
     * @param reason         the failure's wire code, e.g. {@code invalid_token}
     * @param subject        the token's {@code sub} as it claims (unverified), when it could be parsed
     * @param clientAddress  the caller's address
     * @param requestId      the request id
     */
    public void denied(String reason, Optional<String> subject, String clientAddress, String requestId) {
        Instant now = clock.instant();
        Source own = new Source(clientAddress, reason);
        Source source = counters.containsKey(own) || counters.size() < maxSources ? own : new Source(OVERFLOW, reason);
        List<AuditRecord> out = new ArrayList<>(2);
        counters.compute(source, (key, current) -> {
            if (current != null && !ended(current, now)) {
                current.seen(now);
                return current;
            }
            if (current != null) {
                aggregate(key, current).ifPresent(out::add);
            }
            Counter fresh = new Counter(now);
            if (key.address().equals(OVERFLOW)) {
                fresh.seen(now);
            } else {
                out.add(record(key, now, now, 1, false, subject, Optional.of(requestId)));
            }
            return fresh;
        });
        if (!out.isEmpty()) {
            write(out);
        }
    }

    /** Writes the aggregates of every window that has ended; returns how many records were written. */
    public int flush() {
        return flush(clock.instant(), false);
    }

    private int flush(Instant now, boolean all) {
        List<AuditRecord> out = new ArrayList<>();
        for (Source key : List.copyOf(counters.keySet())) {
            counters.computeIfPresent(key, (k, c) -> {
                if (!all && !ended(c, now)) {
                    return c;
                }
                aggregate(k, c).ifPresent(out::add);
                return null;
            });
        }
        if (!out.isEmpty()) {
            write(out);
        }
        return out.size();
    }

    private boolean ended(Counter c, Instant now) {
        return !now.isBefore(c.windowStart.plus(window));
    }

    private Optional<AuditRecord> aggregate(Source source, Counter c) {
        return c.unrecorded == 0
                ? Optional.empty()
                : Optional.of(record(
                        source, c.firstUnrecorded, c.last, c.unrecorded, true, Optional.empty(), Optional.empty()));
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.warn("could not write aggregated auth denials: {}", e.toString());
        }
    }

    private void write(List<AuditRecord> records) {
        try {
            journal.accept(records);
        } catch (RuntimeException e) {
            // a journal outage must not turn a 401 into a 500; the failure is logged without the token
            LOG.warn("could not audit {} auth denial record(s): {}", records.size(), e.toString());
        }
    }

    private AuditRecord record(
            Source source,
            Instant first,
            Instant last,
            long count,
            boolean aggregated,
            Optional<String> subject,
            Optional<String> requestId) {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("reason", source.reason());
        args.put("client_address", source.address());
        subject.map(s -> s.length() > MAX_SUBJECT ? s.substring(0, MAX_SUBJECT) : s)
                .map(redactor::redact)
                .ifPresent(s -> args.put("subject", s));
        args.put("count", count);
        if (aggregated) {
            args.put("aggregated", true);
            args.put("first_seen", first.toString());
            args.put("last_seen", last.toString());
        }
        return AuditRecord.builder()
                .withTs(last)
                .withActor("anonymous")
                .withAction(ACTION)
                .withDecision(AuditDecision.DENIED)
                .withArgs(args)
                .withRequestId(requestId)
                .build();
    }

    /** Writes every pending aggregate and stops the background flush. */
    @Override
    public void close() {
        if (flusher != null) {
            flusher.shutdownNow();
        }
        flush(clock.instant(), true);
    }

    private record Source(String address, String reason) {}

    /** One source's failures in its current window; changed only inside the map's compute for its key. */
    private static final class Counter {
        final Instant windowStart;
        long unrecorded;
        Instant firstUnrecorded;
        Instant last;

        Counter(Instant start) {
            this.windowStart = start;
            this.firstUnrecorded = start;
            this.last = start;
        }

        void seen(Instant at) {
            if (unrecorded++ == 0) {
                firstUnrecorded = at;
            }
            last = at;
        }
    }
}
