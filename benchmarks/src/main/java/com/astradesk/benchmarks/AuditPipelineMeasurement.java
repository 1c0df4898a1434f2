package com.astradesk.benchmarks;

import com.astradesk.benchmarks.audit.BulkIndexServer;
import com.astradesk.benchmarks.audit.LocalS3Server;
import com.astradesk.benchmarks.audit.OutboxFiller;
import com.astradesk.benchmarks.audit.PipelineVerifier;
import com.astradesk.benchmarks.audit.RawPublishBaseline;
import com.astradesk.benchmarks.audit.StageTimer;
import com.astradesk.core.audit.AuditOutboxRelay;
import com.astradesk.core.audit.RelayConfig;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.postgres.PostgresAuditOutbox;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.server.auditor.AlertEvaluator;
import com.astradesk.server.auditor.AuditArchiveSink;
import com.astradesk.server.auditor.Auditor;
import com.astradesk.server.auditor.AuditorSettings;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Measures the audit pipeline end to end and checks it lost and duplicated nothing:
 *
 * <ol>
 *   <li>a fresh PostgreSQL database is filled with {@code events} audit records as the API server writes them
 *       (runs through the PostgreSQL run journal: chained {@code audits} rows plus one {@code outbox} row each);
 *   <li>baseline: the same payloads published straight to a scratch JetStream stream (async, bounded in-flight);
 *   <li>the real pipeline on a fresh stream: {@link AuditOutboxRelay} (PostgreSQL outbox to JetStream, wired as
 *       {@code AuditRelayProcess} wires it) and the real {@link Auditor} (configured through
 *       {@link AuditorSettings} like the {@code auditor} process) writing to a real S3-API server (s3proxy,
 *       filesystem store) and a local {@code _bulk} endpoint that parses and stores every document;
 *   <li>optionally ({@code --relay-restart}) the relay is stopped half-way, the marks of the last rows it sent are
 *       undone (what a crash between PubAck and mark leaves behind) and a new relay takes over;
 *   <li>the event ids of the outbox are compared with what the stream, the bucket and the index hold.
 * </ol>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar com.astradesk.benchmarks.AuditPipelineMeasurement
 * [events] [--relay-restart] [--relay-only] [--sequential]} ({@code --sequential}: the Auditor starts only when the
 * relay has moved everything, so each stage is timed alone). Environment: {@code AUDITBENCH_DATABASE_URL} (an admin connection used to create
 * and drop the scratch database, default {@code postgres://postgres@127.0.0.1:5432/postgres}), {@code NATS_URL}
 * (default {@code nats://127.0.0.1:4222}) and the {@code auditor} process's tuning variables
 * ({@code AUDITOR_*}, {@code S3_*}, {@code ES_*}), passed through. Exits 1 when anything was lost or duplicated.
 */
public final class AuditPipelineMeasurement {
    private static final List<String> PASSED_THROUGH = List.of(
            "AUDITOR_BATCH_SIZE",
            "AUDITOR_ACK_WAIT_SECONDS",
            "S3_CONCURRENCY",
            "S3_CONDITIONAL_PUT",
            "ES_TIMEOUT_SECONDS");

    private AuditPipelineMeasurement() {}

    public static void main(String[] args) throws Exception {
        int events = 100_000;
        boolean relayRestart = false;
        boolean relayOnly = false;
        boolean sequential = false;
        for (String a : args) {
            if (a.equals("--sequential")) {
                sequential = true;
                continue;
            }
            if (a.equals("--relay-restart")) {
                relayRestart = true;
            } else if (a.equals("--relay-only")) {
                relayOnly = true;
            } else {
                events = Integer.parseInt(a.replace("_", ""));
            }
        }
        String admin =
                System.getenv().getOrDefault("AUDITBENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres");
        String natsUrl = System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222");
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        System.out.printf("audit pipeline measurement: %d events, tag %s, load %s%n", events, tag, loadAverage());
        PostgresConfig adminConfig = PostgresConfig.of(admin);
        String database = "auditbench_" + tag;
        sql(adminConfig, "CREATE DATABASE " + database);
        try {
            PostgresConfig db = PostgresConfig.of(
                            adminConfig.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + database + "$1"))
                    .withMaxPoolSize(4);
            db = new PostgresConfig(
                    db.jdbcUrl(),
                    adminConfig.user(),
                    adminConfig.password(),
                    4,
                    db.connectionTimeout(),
                    true,
                    db.hnswEfSearch());
            run(db, natsUrl, tag, events, relayRestart, relayOnly, sequential);
        } finally {
            sql(adminConfig, "DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    @SuppressWarnings("try") // NATS Connection.close() declares InterruptedException (third-party API)
    private static void run(
            PostgresConfig db,
            String natsUrl,
            String tag,
            int requested,
            boolean relayRestart,
            boolean relayOnly,
            boolean sequential)
            throws Exception {
        long fillStart = System.nanoTime();
        int events = OutboxFiller.fill(db, requested, 8);
        double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
        System.out.printf(
                "FILL events=%d seconds=%.1f events_per_s=%.0f (run journal, group commit, 8 threads) load %s%n",
                events, fillSeconds, events / fillSeconds, loadAverage());
        PostgresConfig relayDb = db.withMigrateOnStart(false);

        RawPublishBaseline.Result raw =
                RawPublishBaseline.run(relayDb, natsUrl, "AUDITBENCH_RAW_" + tag, "auditbench." + tag + ".raw");
        System.out.printf(
                "BASELINE raw JetStream publishAsync of the outbox payloads: %d in %.2f s = %.0f events/s (in-flight %d) load %s%n",
                raw.count(), raw.seconds(), raw.count() / raw.seconds(), RawPublishBaseline.IN_FLIGHT, loadAverage());

        NatsAuditConfig nats = NatsAuditConfig.defaults(natsUrl)
                .withStream("AUDITBENCH_" + tag, "auditbench." + tag + ".audit", "auditbench." + tag + ".audit.dlq");
        String bucket = "audit-bench";
        List<AutoCloseable> toClose = new ArrayList<>();
        try (LocalS3Server s3 = LocalS3Server.start();
                BulkIndexServer index = BulkIndexServer.start()) {
            s3.createBucket(bucket);
            Map<String, String> env = new HashMap<>();
            env.put("NATS_URL", natsUrl);
            env.put("AUDIT_STREAM", nats.stream());
            env.put("AUDIT_SUBJECT", nats.subject());
            env.put("AUDIT_DLQ_SUBJECT", nats.dlqSubject());
            env.put("S3_BUCKET", bucket);
            env.put("S3_ENDPOINT", s3.endpoint().toString());
            env.put("S3_ACCESS_KEY_ID", LocalS3Server.ACCESS);
            env.put("S3_SECRET_ACCESS_KEY", LocalS3Server.SECRET);
            env.put("ES_URL", index.url().toString());
            env.put("PORT", "0");
            for (String name : PASSED_THROUGH) {
                String v = System.getenv(name);
                if (v != null) {
                    env.put(name, v);
                }
            }
            Path rules = Files.createTempFile("auditbench-rules", ".json");
            Files.writeString(rules, "{\"channels\":{\"log\":false},\"rules\":[]}");
            env.put("AUDIT_ALERT_RULES_FILE", rules.toString());
            AuditorSettings settings = AuditorSettings.fromEnv(env);
            Files.delete(rules);
            List<StageTimer> sinkTimers = new ArrayList<>();
            List<AuditArchiveSink> sinks = new ArrayList<>();
            for (AuditArchiveSink s : settings.sinks()) {
                if (s instanceof AutoCloseable c) {
                    toClose.add(c);
                }
                StageTimer t = new StageTimer("sink " + s.name());
                sinkTimers.add(t);
                sinks.add(StageTimer.timed(s, t));
            }
            System.out.printf("auditor: %s%n", settings.auditor());
            Auditor auditor = Auditor.connect(settings.auditor(), sinks, new AlertEvaluator(settings.alerts()));
            toClose.add(auditor);
            if (!relayOnly && !sequential) {
                auditor.start();
            }
            long auditorStart = 0;

            StageTimer relaySql = new StageTimer("relay outbox SQL");
            StageTimer relayPublish = new StageTimer("relay publish+acks");
            RelayConfig relayConfig = RelayConfig.defaults();
            System.out.printf("relay: %s%n", relayConfig);
            long t0 = System.nanoTime();
            Relay relay = Relay.start(relayDb, nats, relayConfig, relaySql, relayPublish);
            long relaySentBefore = 0;
            int replayed = 0;
            long relayDone = 0;
            long firstAck = 0;
            long acksDone = 0;
            long streamFull = 0;
            long indexFull = 0;
            long timeoutNanos = Math.max(180, events / 200L) * 1_000_000_000L;
            try (Connection nc = Nats.connect(natsUrl)) {
                JetStreamManagement jsm = nc.jetStreamManagement();
                long lastStreamCheck = 0;
                while ((acksDone == 0 && !relayOnly) || relayDone == 0) {
                    long now = System.nanoTime();
                    if (now - t0 > timeoutNanos) {
                        System.out.printf(
                                "TIMEOUT after %.0f s: relay sent %d, acked %d, indexed %d%n",
                                (now - t0) / 1e9,
                                relaySentBefore + relay.relay.sentCount(),
                                auditor.ackedCount(),
                                index.stored());
                        break;
                    }
                    long sent = relaySentBefore + relay.relay.sentCount();
                    if (relayRestart && replayed == 0 && sent >= events / 2) {
                        relaySentBefore += relay.close();
                        replayed = PipelineVerifier.restoreLastSent(relayDb, 2000);
                        System.out.printf(
                                "RELAY RESTART at %.2f s after %d sent: outbox rows of the last %d sent events put back (a crash before commit), new relay%n",
                                (now - t0) / 1e9, relaySentBefore, replayed);
                        relay = Relay.start(relayDb, nats, relayConfig, relaySql, relayPublish);
                        continue;
                    }
                    if (relayDone == 0 && sent >= events + replayed) {
                        relayDone = now;
                        if (sequential && !relayOnly) {
                            // wait until the stream holds everything, then let the Auditor start on the full stream
                            while (jsm.getStreamInfo(nats.stream())
                                            .getStreamState()
                                            .getMsgCount()
                                    < events) {
                                Thread.sleep(5);
                            }
                            streamFull = System.nanoTime();
                            auditorStart = System.nanoTime();
                            auditor.start();
                        }
                    }
                    long acked = auditor.ackedCount();
                    if (firstAck == 0 && acked > 0) {
                        firstAck = now;
                    }
                    if (indexFull == 0 && index.stored() >= events) {
                        indexFull = now;
                    }
                    if (acksDone == 0 && acked >= events) {
                        acksDone = now;
                    }
                    if (streamFull == 0 && now - lastStreamCheck > 50_000_000L) {
                        lastStreamCheck = now;
                        if (jsm.getStreamInfo(nats.stream()).getStreamState().getMsgCount() >= events) {
                            streamFull = now;
                        }
                    }
                    Thread.sleep(5);
                }
            }
            // let late re-deliveries (if any) arrive before the sinks are compared
            Thread.sleep(1500);
            relay.close();
            auditor.close();

            if (relayOnly) {
                System.out.printf("%nRESULT (relay only) load %s%n", loadAverage());
                printStage("relay (outbox -> JetStream, all rows marked)", t0, relayDone, events);
                printStage("stream holds all events", t0, streamFull, events);
                System.out.printf(
                        "RATIO relay / raw JetStream publish = %.2f%n",
                        (events / ((relayDone - t0) / 1e9)) / (raw.count() / raw.seconds()));
                System.out.println("  " + relaySql);
                System.out.println("  " + relayPublish);
                return;
            }
            double total = (acksDone - t0) / 1e9;
            System.out.printf("%nRESULT load %s%n", loadAverage());
            System.out.printf(
                    "END-TO-END outbox -> both sinks: %d events in %.2f s = %.0f events/s%n",
                    events, total, events / total);
            printStage("relay (outbox -> JetStream, all rows marked)", t0, relayDone, events);
            printStage("stream holds all events", t0, streamFull, events);
            printStage("index holds all events", t0, indexFull, events);
            printStage("auditor acked all (both sinks stored)", t0, acksDone, events);
            if (auditorStart > 0) {
                System.out.printf(
                        "SEQUENTIAL auditor alone on the full stream: %d events in %.2f s = %.0f events/s%n",
                        events, (acksDone - auditorStart) / 1e9, events / ((acksDone - auditorStart) / 1e9));
            }
            if (firstAck > 0 && acksDone > firstAck) {
                System.out.printf(
                        "  auditor from its first ack: %.2f s = %.0f events/s%n",
                        (acksDone - firstAck) / 1e9, events / ((acksDone - firstAck) / 1e9));
            }
            double relaySeconds = (relayDone - t0) / 1e9;
            System.out.printf(
                    "RATIO relay / raw JetStream publish = %.2f (%.0f vs %.0f events/s)%n",
                    (events / relaySeconds) / (raw.count() / raw.seconds()),
                    events / relaySeconds,
                    raw.count() / raw.seconds());
            System.out.printf(
                    "RATIO end-to-end / raw JetStream publish = %.2f%n",
                    (events / total) / (raw.count() / raw.seconds()));
            System.out.println("time inside stages (cumulative, may overlap):");
            System.out.println("  " + relaySql);
            System.out.println("  " + relayPublish);
            sinkTimers.forEach(t -> System.out.println("  " + t));
            System.out.printf(
                    "  auditor acked %d, nacked %d, dead-lettered %d; index: %d bulk requests, %d creates, %d conflicts%n",
                    auditor.ackedCount(),
                    auditor.nackedCount(),
                    auditor.deadLetteredCount(),
                    index.requests(),
                    index.creates(),
                    index.conflicts());

            boolean ok = PipelineVerifier.verify(relayDb, nats, s3, bucket, index);
            for (int i = toClose.size() - 1; i >= 0; i--) {
                toClose.get(i).close();
            }
            toClose.clear();
            deleteStream(natsUrl, nats.stream());
            if (!ok) {
                System.exit(1);
            }
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                toClose.get(i).close();
            }
            deleteStream(natsUrl, nats.stream());
        }
    }

    private static void printStage(String name, long t0, long at, int events) {
        if (at == 0) {
            System.out.printf("  %-50s not reached%n", name);
            return;
        }
        double s = (at - t0) / 1e9;
        System.out.printf("  %-50s at %6.2f s = %.0f events/s%n", name, s, events / s);
    }

    /** The relay as {@code AuditRelayProcess} wires it, with its outbox timed. */
    private record Relay(AuditOutboxRelay relay, JetStreamAuditPublisher publisher, PostgresAuditOutbox outbox) {
        static Relay start(
                PostgresConfig db, NatsAuditConfig nats, RelayConfig config, StageTimer sql, StageTimer publish) {
            PostgresAuditOutbox outbox = PostgresAuditOutbox.open(db);
            JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(nats);
            AuditOutboxRelay relay = AuditOutboxRelay.start(StageTimer.timed(outbox, sql, publish), publisher, config);
            return new Relay(relay, publisher, outbox);
        }

        /** Stops it; returns how many rows it marked sent. */
        long close() {
            relay.close();
            publisher.close();
            outbox.close();
            return relay.sentCount();
        }
    }

    private static void sql(PostgresConfig config, String statement) throws Exception {
        try (var c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    @SuppressWarnings("try") // NATS Connection.close() declares InterruptedException (third-party API)
    private static void deleteStream(String url, String stream) {
        try (Connection nc = Nats.connect(url)) {
            nc.jetStreamManagement().deleteStream(stream);
        } catch (Exception ignored) {
            // already gone
        }
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.format(Locale.ROOT, "%s %s %s", f[0], f[1], f[2]);
        } catch (Exception e) {
            return "n/a";
        }
    }
}
