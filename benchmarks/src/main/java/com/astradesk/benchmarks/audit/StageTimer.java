package com.astradesk.benchmarks.audit;

import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.server.auditor.AuditArchiveSink;
import com.astradesk.server.auditor.AuditEvent;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/** Cumulative wall time and calls spent in one pipeline stage (a sink's writes, the outbox's SQL). */
public final class StageTimer {
    private final String name;
    private final AtomicLong nanos = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private final AtomicLong items = new AtomicLong();

    public StageTimer(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public double seconds() {
        return nanos.get() / 1e9;
    }

    public long calls() {
        return calls.get();
    }

    public long items() {
        return items.get();
    }

    void add(long elapsedNanos, int count) {
        nanos.addAndGet(elapsedNanos);
        calls.incrementAndGet();
        items.addAndGet(count);
    }

    @Override
    public String toString() {
        return String.format(
                "%s: %.2f s in %d calls (%d items, %.1f ms/call)",
                name, seconds(), calls(), items(), calls() == 0 ? 0.0 : seconds() * 1000 / calls());
    }

    /** A sink that times {@code delegate}'s writes. */
    public static AuditArchiveSink timed(AuditArchiveSink delegate, StageTimer timer) {
        return new AuditArchiveSink() {
            @Override
            public String name() {
                return delegate.name();
            }

            @Override
            public Set<String> write(List<AuditEvent> events) {
                long t = System.nanoTime();
                try {
                    return delegate.write(events);
                } finally {
                    timer.add(System.nanoTime() - t, events.size());
                }
            }
        };
    }

    /**
     * An outbox that times {@code delegate}'s database work: {@code sql} gets the time of non-empty drains minus the time the
     * publisher callback took, {@code publish} the callback (publishing and waiting for the PubAcks).
     */
    public static AuditOutbox timed(AuditOutbox delegate, StageTimer sql, StageTimer publish) {
        return new AuditOutbox() {
            @Override
            public int drain(int limit, Function<List<OutboxMessage>, Collection<Long>> publisher) {
                long[] inPublisher = {0};
                int[] size = {0};
                long t = System.nanoTime();
                try {
                    return delegate.drain(limit, batch -> {
                        long p = System.nanoTime();
                        try {
                            return publisher.apply(batch);
                        } finally {
                            inPublisher[0] += System.nanoTime() - p;
                            size[0] += batch.size();
                        }
                    });
                } finally {
                    if (size[0] > 0) {
                        long total = System.nanoTime() - t;
                        sql.add(total - inPublisher[0], size[0]);
                        publish.add(inPublisher[0], size[0]);
                    }
                }
            }

            @Override
            public long pendingCount() {
                return delegate.pendingCount();
            }
        };
    }
}
