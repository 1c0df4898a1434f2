package com.astradesk.benchmarks.audit;

import com.astradesk.core.store.nats.AuditStreams;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.postgres.PostgresConfig;
import io.nats.client.Connection;
import io.nats.client.JetStream;
import io.nats.client.Nats;
import io.nats.client.PublishOptions;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The ceiling for the relay: the outbox's payloads (read up front) published straight to a scratch JetStream stream
 * configured like the audit stream, asynchronously with at most {@value #IN_FLIGHT} unacknowledged messages and the
 * same {@code Nats-Msg-Id}, timed from the first publish to the last PubAck.
 */
public final class RawPublishBaseline {
    /** Unacknowledged publishes allowed at once. */
    public static final int IN_FLIGHT = 4096;

    /**
     * How many messages were acknowledged, in how many seconds, and the {@code nats-server} CPU seconds it took
     * (publish with dedup, file store, PubAck: the server's share of the relay's work, no consumer).
     */
    public record Result(long count, double seconds, double natsServerCpuSeconds) {}

    private RawPublishBaseline() {}

    @SuppressWarnings("try") // NATS Connection.close() declares InterruptedException (third-party API)
    public static Result run(PostgresConfig db, String natsUrl, String stream, String subject) throws Exception {
        List<String[]> rows = new ArrayList<>();
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.setFetchSize(5000);
            try (ResultSet rs =
                    s.executeQuery("SELECT coalesce(a.event_id, o.message_id), coalesce(a.payload, o.payload)::text"
                            + " FROM outbox o LEFT JOIN audits a ON a.id BETWEEN o.first_audit_id AND o.last_audit_id"
                            + " ORDER BY o.id, a.id")) {
                while (rs.next()) {
                    rows.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        NatsAuditConfig config = NatsAuditConfig.defaults(natsUrl).withStream(stream, subject, subject + ".dlq");
        try (Connection nc = Nats.connect(natsUrl)) {
            AuditStreams.ensure(nc.jetStreamManagement(), config);
            try {
                JetStream js = nc.jetStream();
                Semaphore window = new Semaphore(IN_FLIGHT);
                AtomicLong acked = new AtomicLong();
                AtomicLong failed = new AtomicLong();
                double serverCpu0 = CpuMeter.natsServerCpuSeconds();
                long t0 = System.nanoTime();
                for (String[] row : rows) {
                    window.acquire();
                    js.publishAsync(
                                    subject,
                                    row[1].getBytes(StandardCharsets.UTF_8),
                                    PublishOptions.builder()
                                            .messageId(row[0])
                                            .expectedStream(stream)
                                            .build())
                            .whenComplete((ack, e) -> {
                                (e == null ? acked : failed).incrementAndGet();
                                window.release();
                            });
                }
                if (!window.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("raw publish: acknowledgements missing after 60 s");
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                double serverCpu = CpuMeter.natsServerCpuSeconds() - serverCpu0;
                if (failed.get() > 0) {
                    throw new IllegalStateException("raw publish: " + failed.get() + " publishes failed");
                }
                return new Result(acked.get(), seconds, serverCpu);
            } finally {
                nc.jetStreamManagement().deleteStream(stream);
            }
        }
    }
}
