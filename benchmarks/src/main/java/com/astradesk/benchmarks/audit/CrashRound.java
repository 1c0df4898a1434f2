package com.astradesk.benchmarks.audit;

import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.postgres.PostgresConfig;
import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.ConsumerInfo;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The pipeline with its two moving parts in their own processes, each killed with SIGKILL once mid-run and
 * started again: the relay (as the API server runs it, {@link RelayChild}) when a third of the events is in the
 * stream, the Auditor (the real {@code astradesk auditor} command) when two thirds are indexed. A killed relay
 * leaves published but undeleted outbox rows behind (sent again, dropped by the stream's {@code Nats-Msg-Id}
 * dedup); a killed Auditor leaves fetched, stored but unacknowledged messages (re-delivered after the ack wait,
 * found in both sinks and not stored twice). Then every sink is compared with the outbox.
 */
public final class CrashRound {
    private final PostgresConfig db;
    private final String databaseUrl;
    private final NatsAuditConfig nats;
    private final int events;
    private final Path logs;
    private final List<Process> children = new ArrayList<>();

    public CrashRound(PostgresConfig db, String databaseUrl, NatsAuditConfig nats, int events) throws Exception {
        this.db = db;
        this.databaseUrl = databaseUrl;
        this.nats = nats;
        this.events = events;
        this.logs = Files.createTempDirectory("auditbench-crash-");
    }

    /** Runs the round; true when nothing was lost or duplicated. */
    @SuppressWarnings("try") // NATS Connection.close() declares InterruptedException (third-party API)
    public boolean run() throws Exception {
        try (LocalS3Server s3 = LocalS3Server.start();
                BulkIndexServer index = BulkIndexServer.start();
                Connection nc = Nats.connect(nats.url())) {
            s3.createBucket(PipelineEnv.BUCKET);
            Map<String, String> env = PipelineEnv.auditor(nats, s3, index, logs.resolve("rules.json"));
            // a killed Auditor's batch comes back after the ack wait: keep it short so the round ends soon
            env.putIfAbsent("AUDITOR_ACK_WAIT_SECONDS", "5");
            env.put("LOG_LEVEL", "WARN");
            Process auditor = auditor(env, 1);
            Process relay = relay(1);
            JetStreamManagement jsm = nc.jetStreamManagement();
            long t0 = System.nanoTime();
            long deadline = t0 + Math.max(300, events / 100L) * 1_000_000_000L;
            boolean relayKilled = false;
            boolean auditorKilled = false;
            long lastReport = 0;
            while (System.nanoTime() < deadline) {
                long inStream = streamCount(jsm);
                if (!relayKilled && inStream >= events / 3) {
                    relay.destroyForcibly().waitFor();
                    relayKilled = true;
                    Thread.sleep(300); // publishes the dead process had on the wire land (or not)
                    long pending = pendingEvents();
                    long left = streamCount(jsm) + pending - events;
                    System.out.printf(
                            "KILL -9 relay at %.1f s: %d events in the stream, %d events still in the outbox, %d of them"
                                    + " already in the stream (published, not deleted: the new relay sends them again)%n",
                            (System.nanoTime() - t0) / 1e9, streamCount(jsm), pending, Math.max(0, left));
                    relay = relay(2);
                }
                if (!auditorKilled && index.stored() >= 2L * events / 3) {
                    auditor.destroyForcibly().waitFor();
                    auditorKilled = true;
                    long unacked = jsm.getConsumerInfo(nats.stream(), "astradesk-auditor")
                            .getNumAckPending();
                    System.out.printf(
                            "KILL -9 auditor at %.1f s: %d indexed, %d delivered but not acknowledged (re-delivered"
                                    + " after the ack wait)%n",
                            (System.nanoTime() - t0) / 1e9, index.stored(), unacked);
                    auditor = auditor(env, 2);
                }
                if (relayKilled && auditorKilled && index.stored() >= events && done(jsm)) {
                    break;
                }
                if (System.nanoTime() - lastReport > 10_000_000_000L) {
                    lastReport = System.nanoTime();
                    System.out.printf(
                            "  %.0f s: stream %d, indexed %d%n", (lastReport - t0) / 1e9, inStream, index.stored());
                }
                Thread.sleep(50);
            }
            System.out.printf(
                    "CRASH ROUND done in %.1f s (includes the ack wait after the Auditor kill and two JVM starts)%n",
                    (System.nanoTime() - t0) / 1e9);
            Thread.sleep(2000); // late re-deliveries, if any, before the sinks are compared
            stopAll();
            System.out.printf(
                    "  index: %d bulk requests, %d creates, %d conflicts (re-delivered events already indexed)%n",
                    index.requests(), index.creates(), index.conflicts());
            return PipelineVerifier.verify(db, nats, s3, PipelineEnv.BUCKET, index);
        } finally {
            stopAll();
        }
    }

    private boolean done(JetStreamManagement jsm) throws Exception {
        try {
            ConsumerInfo ci = jsm.getConsumerInfo(nats.stream(), "astradesk-auditor");
            return pendingEvents() == 0 && ci.getNumPending() == 0 && ci.getNumAckPending() == 0;
        } catch (JetStreamApiException e) {
            return false; // the Auditor has not created its consumer yet
        }
    }

    private long streamCount(JetStreamManagement jsm) throws Exception {
        try {
            return jsm.getStreamInfo(nats.stream()).getStreamState().getMsgCount();
        } catch (JetStreamApiException e) {
            return 0; // neither child has created the stream yet
        }
    }

    private long pendingEvents() throws Exception {
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT coalesce(sum(CASE WHEN o.first_audit_id IS NULL THEN 1"
                        + " ELSE (SELECT count(*) FROM audits a WHERE a.id BETWEEN o.first_audit_id"
                        + " AND o.last_audit_id) END), 0) FROM outbox o")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Process relay(int n) throws Exception {
        return start(
                "relay" + n,
                Map.of("LOG_LEVEL", "WARN"),
                RelayChild.class.getName(),
                databaseUrl,
                nats.url(),
                nats.stream(),
                nats.subject(),
                nats.dlqSubject());
    }

    private Process auditor(Map<String, String> env, int n) throws Exception {
        return start("auditor" + n, env, "com.astradesk.server.Main", "auditor");
    }

    private Process start(String name, Map<String, String> env, String... mainAndArgs) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.addAll(List.of(mainAndArgs));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        File log = logs.resolve(name + ".log").toFile();
        pb.redirectErrorStream(true).redirectOutput(log);
        Process p = pb.start();
        children.add(p);
        System.out.printf("  started %s (pid %d, log %s)%n", name, p.pid(), log);
        return p;
    }

    private void stopAll() throws InterruptedException {
        for (Process p : children) {
            if (p.isAlive()) {
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
        children.clear();
    }
}
