package com.astradesk.benchmarks.audit;

import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.OutboxClaim;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.server.auditor.AuditArchiveSink;
import com.astradesk.server.auditor.AuditEvent;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

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
     * An outbox that times {@code delegate}'s database work: {@code sql} gets the time spent in claims (the
     * {@code SELECT ... FOR UPDATE SKIP LOCKED}) and completions (the {@code DELETE} and commit), {@code publish}
     * the time from a claim to its completion (publishing and waiting for the PubAcks; batches in flight
     * overlap, so this is cumulative).
     */
    public static AuditOutbox timed(AuditOutbox delegate, StageTimer sql, StageTimer publish) {
        return new AuditOutbox() {
            @Override
            public OutboxClaim claim(int limit) {
                long t = System.nanoTime();
                OutboxClaim claim = delegate.claim(limit);
                long claimed = System.nanoTime();
                int size = claim.messages().size();
                if (size > 0) {
                    sql.add(claimed - t, size);
                }
                return new OutboxClaim() {
                    @Override
                    public List<OutboxMessage> messages() {
                        return claim.messages();
                    }

                    @Override
                    public int complete(Collection<Long> acknowledged) {
                        long c = System.nanoTime();
                        publish.add(c - claimed, size);
                        try {
                            return claim.complete(acknowledged);
                        } finally {
                            sql.add(System.nanoTime() - c, 0);
                        }
                    }

                    @Override
                    public void close() {
                        claim.close();
                    }
                };
            }

            @Override
            public long pendingCount() {
                return delegate.pendingCount();
            }
        };
    }
}
