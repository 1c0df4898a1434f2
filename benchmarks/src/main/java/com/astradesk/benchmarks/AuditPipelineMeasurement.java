package com.astradesk.benchmarks;

import com.astradesk.benchmarks.audit.BulkIndexServer;
import com.astradesk.benchmarks.audit.CpuMeter;
import com.astradesk.benchmarks.audit.CrashRound;
import com.astradesk.benchmarks.audit.LocalS3Server;
import com.astradesk.benchmarks.audit.OutboxFiller;
import com.astradesk.benchmarks.audit.PipelineEnv;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Measures the audit pipeline end to end and checks it lost and duplicated nothing:
 *
 * <ol>
 *   <li>a template PostgreSQL database is filled once with {@code events} audit records as the API server writes
 *       them (runs through the PostgreSQL run journal: chained {@code audits} rows plus one {@code outbox} row
 *       each); every round runs on a fresh copy ({@code CREATE DATABASE ... TEMPLATE});
 *   <li>baseline: the same payloads published straight to a scratch JetStream stream (async, bounded in-flight);
 *   <li>{@code --rounds} in-process rounds (default 2: the first warms the JIT, as a long-running relay and
 *       Auditor are warm; both are printed) of the real pipeline on a fresh stream: {@link AuditOutboxRelay} (wired
 *       as {@code AuditRelayProcess} wires it) and the real {@link Auditor} (configured through
 *       {@link AuditorSettings} like the {@code auditor} process) writing to a real S3-API server (s3proxy,
 *       filesystem store) and a local {@code _bulk} endpoint that parses and stores every document; the CPU time
 *       of every part (threads of this JVM by role, nats-server, the scratch database's backends) is reported per
 *       event, since on a shared machine CPU time is steadier than the rate;
 *   <li>optionally ({@code --kill}) a crash round ({@link CrashRound}): relay and Auditor in their own processes,
 *       each SIGKILLed once mid-run and restarted;
 *   <li>after each round, the event ids of the outbox are compared with what the stream, the bucket and the index
 *       hold.
 * </ol>
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar com.astradesk.benchmarks.AuditPipelineMeasurement
 * [events] [--rounds N] [--kill] [--relay-only] [--sequential]} ({@code --sequential}: the Auditor starts only
 * when the relay has moved everything, so each stage is timed alone), or {@code benchmarks/load/audit.sh}.
 * Environment: {@code AUDITBENCH_DATABASE_URL} (an admin connection used to create and drop the scratch
 * databases, default {@code postgres://postgres@127.0.0.1:5432/postgres}), {@code NATS_URL} (default
 * {@code nats://127.0.0.1:4222}), {@code RELAY_IN_FLIGHT} (batches in flight, default the relay's) and the
 * {@code auditor} process's tuning variables ({@link PipelineEnv#PASSED_THROUGH}). Exits 1 when anything was
 * lost or duplicated in any round.
 */
public final class AuditPipelineMeasurement {
    private AuditPipelineMeasurement() {}

    public static void main(String[] args) throws Exception {
        int events = 100_000;
        int rounds = 2;
        boolean kill = false;
        boolean relayOnly = false;
        boolean sequential = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--sequential" -> sequential = true;
                case "--relay-only" -> relayOnly = true;
                case "--kill" -> kill = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                default -> events = Integer.parseInt(args[i].replace("_", ""));
            }
        }
        String admin =
                System.getenv().getOrDefault("AUDITBENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres");
        String natsUrl = System.getenv().getOrDefault("NATS_URL", "nats://127.0.0.1:4222");
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        System.out.printf(
                "audit pipeline measurement: %d events, %d in-process round(s)%s, tag %s, %d cores, load %s%n",
                events,
                rounds,
                kill ? " + crash round" : "",
                tag,
                Runtime.getRuntime().availableProcessors(),
                loadAverage());
        PostgresConfig adminConfig = PostgresConfig.of(admin);
        String template = "auditbench_" + tag + "_t";
        List<String> databases = new ArrayList<>(List.of(template));
        boolean ok = true;
        sql(adminConfig, "CREATE DATABASE " + template);
        try {
            PostgresConfig templateDb = database(adminConfig, template);
            long fillStart = System.nanoTime();
            events = OutboxFiller.fill(templateDb, events, 8);
            double fillSeconds = (System.nanoTime() - fillStart) / 1e9;
            System.out.printf(
                    "FILL events=%d seconds=%.1f events_per_s=%.0f (run journal, group commit, 8 threads) load %s%n",
                    events, fillSeconds, events / fillSeconds, loadAverage());
            RawPublishBaseline.Result raw = RawPublishBaseline.run(
                    templateDb.withMigrateOnStart(false),
                    natsUrl,
                    "AUDITBENCH_RAW_" + tag,
                    "auditbench." + tag + ".raw");
            System.out.printf(
                    "BASELINE raw JetStream publishAsync of the outbox payloads: %d in %.2f s = %.0f events/s (in-flight %d),"
                            + " nats-server %.1f us CPU per event, load %s%n",
                    raw.count(),
                    raw.seconds(),
                    raw.count() / raw.seconds(),
                    RawPublishBaseline.IN_FLIGHT,
                    1e6 * raw.natsServerCpuSeconds() / Math.max(1, raw.count()),
                    loadAverage());
            for (int r = 1; r <= rounds + (kill ? 1 : 0); r++) {
                boolean crash = r > rounds;
                String name = "auditbench_" + tag + "_" + r;
                sql(adminConfig, "CREATE DATABASE " + name + " TEMPLATE " + template);
                databases.add(name);
                PostgresConfig db = database(adminConfig, name).withMigrateOnStart(false);
                NatsAuditConfig nats = NatsAuditConfig.defaults(natsUrl)
                        .withStream(
                                "AUDITBENCH_" + tag + "_" + r,
                                "auditbench." + tag + "." + r + ".audit",
                                "auditbench." + tag + "." + r + ".audit.dlq");
                try {
                    if (crash) {
                        System.out.printf(
                                "%n=== crash round (relay and Auditor killed with SIGKILL) load %s%n", loadAverage());
                        ok &= new CrashRound(db, childUrl(admin, name), nats, events).run();
                    } else {
                        System.out.printf(
                                "%n=== in-process round %d of %d%s load %s%n",
                                r, rounds, r < rounds ? " (JIT warm-up)" : "", loadAverage());
                        ok &= run(db, name, nats, events, raw, relayOnly, sequential);
                    }
                } finally {
                    deleteStream(natsUrl, nats.stream());
                    sql(adminConfig, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
                    databases.remove(name);
                }
            }
        } finally {
            for (String d : databases) {
                sql(adminConfig, "DROP DATABASE IF EXISTS " + d + " WITH (FORCE)");
            }
        }
        System.out.printf(
                "%n%s load %s%n", ok ? "ALL ROUNDS OK: 0 lost, 0 duplicated" : "SOME ROUND FAILED", loadAverage());
        System.exit(ok ? 0 : 1);
    }

    private static PostgresConfig database(PostgresConfig admin, String name) {
        PostgresConfig db = PostgresConfig.of(admin.jdbcUrl().replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1"));
        return new PostgresConfig(
                db.jdbcUrl(), admin.user(), admin.password(), 4, db.connectionTimeout(), true, db.hnswEfSearch());
    }

    /** The scratch database's URL for a child process (same credentials as the admin URL). */
    private static String childUrl(String adminUrl, String name) {
        return adminUrl.replaceFirst("/[^/?]*(\\?|$)", "/" + name + "$1");
    }

    /** One in-process round; true when nothing was lost or duplicated. */
    @SuppressWarnings("try") // NATS Connection.close() declares InterruptedException (third-party API)
    private static boolean run(
            PostgresConfig relayDb,
            String database,
            NatsAuditConfig nats,
            int events,
            RawPublishBaseline.Result raw,
            boolean relayOnly,
            boolean sequential)
            throws Exception {
        String bucket = PipelineEnv.BUCKET;
        List<AutoCloseable> toClose = new ArrayList<>();
        try (LocalS3Server s3 = LocalS3Server.start();
                BulkIndexServer index = BulkIndexServer.start()) {
            s3.createBucket(bucket);
            Path rules = Files.createTempFile("auditbench-rules", ".json");
            Map<String, String> env = PipelineEnv.auditor(nats, s3, index, rules);
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

            StageTimer relaySql = new StageTimer("relay outbox SQL (claims and completions)");
            StageTimer relayPublish = new StageTimer("relay publish+acks");
            RelayConfig relayConfig = RelayConfig.defaults();
            String inFlight = System.getenv("RELAY_IN_FLIGHT");
            if (inFlight != null) {
                relayConfig = relayConfig.withInFlightBatches(Integer.parseInt(inFlight));
            }
            CpuMeter cpu = new CpuMeter(database, AuditPipelineMeasurement::role);
            System.out.printf("relay: %s%n", relayConfig);
            cpu.start();
            long t0 = System.nanoTime();
            final Relay relay = Relay.start(relayDb, nats, relayConfig, relaySql, relayPublish);
            long lastCpuPoll = 0;
            long relayDone = 0;
            long firstAck = 0;
            long acksDone = 0;
            long streamFull = 0;
            long indexFull = 0;
            long timeoutNanos = Math.max(180, events / 200L) * 1_000_000_000L;
            try (Connection nc = Nats.connect(nats.url())) {
                JetStreamManagement jsm = nc.jetStreamManagement();
                long lastStreamCheck = 0;
                while ((acksDone == 0 && !relayOnly) || relayDone == 0) {
                    long now = System.nanoTime();
                    if (now - t0 > timeoutNanos) {
                        System.out.printf(
                                "TIMEOUT after %.0f s: relay sent %d, acked %d, indexed %d%n",
                                (now - t0) / 1e9, relay.relay.sentCount(), auditor.ackedCount(), index.stored());
                        break;
                    }
                    long sent = relay.relay.sentCount();
                    if (relayDone == 0 && sent >= events) {
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
                    if (now - lastCpuPoll > 5_000_000_000L) {
                        lastCpuPoll = now;
                        cpu.poll();
                    }
                    Thread.sleep(5);
                }
            }
            cpu.poll();
            // let late re-deliveries (if any) arrive before the sinks are compared
            Thread.sleep(1500);
            relay.close();
            auditor.close();

            if (relayOnly) {
                System.out.printf("%nRESULT (relay only) load %s%n", loadAverage());
                System.out.println("CPU in the window (relay only):");
                System.out.print(cpu.report(events));
                printStage("relay (outbox -> JetStream, all rows marked)", t0, relayDone, events);
                printStage("stream holds all events", t0, streamFull, events);
                System.out.printf(
                        "RATIO relay / raw JetStream publish = %.2f%n",
                        (events / ((relayDone - t0) / 1e9)) / (raw.count() / raw.seconds()));
                System.out.println("  " + relaySql);
                System.out.println("  " + relayPublish);
                return true;
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
            System.out.println("CPU from the relay's start to the last ack, per part (process CPU, not wall time):");
            System.out.print(cpu.report(events));
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
            return ok;
        } finally {
            for (int i = toClose.size() - 1; i >= 0; i--) {
                toClose.get(i).close();
            }
        }
    }

    /** The part of the pipeline a thread of this JVM belongs to, by its name. */
    static String role(String thread) {
        if (thread.equals("astradesk-audit-relay")) {
            return "relay thread";
        }
        if (thread.startsWith("astradesk-audit-publisher")) {
            return "relay NATS client";
        }
        if (thread.startsWith("astradesk-audit-relay")) {
            return "relay connection pool";
        }
        if (thread.startsWith("astradesk-auditor:")) {
            return "auditor NATS client";
        }
        if (thread.startsWith("astradesk-auditor")) {
            return "auditor workers and sink threads";
        }
        if (thread.startsWith("astradesk-s3-archive") || thread.startsWith("HttpClient-")) {
            return "auditor S3 and _bulk clients";
        }
        if (thread.startsWith("nats:")) {
            return "NATS client I/O threads (both)";
        }
        if (thread.startsWith("S3Proxy") || thread.startsWith("user thread")) {
            return "stand-in: s3proxy";
        }
        if (thread.startsWith("bench-bulk-index") || thread.startsWith("HTTP-Dispatcher")) {
            return "stand-in: _bulk index";
        }
        if (thread.equals("main")) {
            return CpuMeter.MEASUREMENT + " (main thread: polling, /proc)";
        }
        return "other JVM threads";
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
