package com.astradesk.benchmarks.audit;

import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Compares the event ids written (table {@code audits}: each in one outbox row's id range; the relay deletes the rows it
 * relayed) with what the stream, the S3 bucket (every object read back and parsed,
 * one event per line) and the search index hold: nothing may be missing, nothing stored twice, nothing foreign.
 */
public final class PipelineVerifier {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private PipelineVerifier() {}

    /** Prints the comparison; true when every sink holds exactly the outbox's events. */
    @SuppressWarnings("try") // NATS Connection.close() declares InterruptedException (third-party API)
    public static boolean verify(
            PostgresConfig db, NatsAuditConfig nats, LocalS3Server s3, String bucket, BulkIndexServer index)
            throws Exception {
        Set<String> outbox = new HashSet<>();
        long unpublished = 0;
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT a.event_id, EXISTS (SELECT 1 FROM outbox o"
                        + " WHERE o.published_at IS NULL AND (o.message_id = a.event_id"
                        + " OR a.id BETWEEN o.first_audit_id AND o.last_audit_id)) FROM audits a")) {
            while (rs.next()) {
                outbox.add(rs.getString(1));
                unpublished += rs.getBoolean(2) ? 1 : 0;
            }
        }
        long streamCount;
        try (Connection nc = Nats.connect(nats.url())) {
            streamCount = nc.jetStreamManagement()
                    .getStreamInfo(nats.stream())
                    .getStreamState()
                    .getMsgCount();
        }
        long t = System.nanoTime();
        Map<String, Integer> archived = readArchive(s3, bucket);
        double readSeconds = (System.nanoTime() - t) / 1e9;
        Map<String, Integer> indexed = new ConcurrentHashMap<>();
        int misfiled = 0;
        for (Map.Entry<String, JsonNode> e : index.documents().entrySet()) {
            String id = e.getKey().substring(e.getKey().indexOf('/') + 1);
            if (!id.equals(e.getValue().path("event_id").asText())) {
                misfiled++;
            }
            indexed.merge(id, 1, Integer::sum);
        }
        System.out.printf("%nVERIFY written: %d events (audits), %d still in the outbox%n", outbox.size(), unpublished);
        System.out.printf(
                "VERIFY stream: %d messages (%s)%n", streamCount, streamCount == outbox.size() ? "ok" : "MISMATCH");
        boolean ok = unpublished == 0 && streamCount == outbox.size() && misfiled == 0;
        ok &= report("s3 archive", outbox, archived, String.format("read back in %.1f s", readSeconds));
        ok &= report("search index", outbox, indexed, misfiled == 0 ? "" : misfiled + " docs under a foreign _id");
        System.out.println(ok ? "VERIFY OK: 0 lost, 0 duplicated" : "VERIFY FAILED");
        return ok;
    }

    private static boolean report(String sink, Set<String> outbox, Map<String, Integer> stored, String note) {
        long entries = stored.values().stream().mapToLong(Integer::longValue).sum();
        long lost = outbox.stream().filter(id -> !stored.containsKey(id)).count();
        long duplicated = entries - stored.size();
        long foreign =
                stored.keySet().stream().filter(id -> !outbox.contains(id)).count();
        System.out.printf(
                "VERIFY %s: %d entries, %d distinct events, lost %d, duplicated %d, foreign %d %s%n",
                sink, entries, stored.size(), lost, duplicated, foreign, note);
        return lost == 0 && duplicated == 0 && foreign == 0;
    }

    private static Map<String, Integer> readArchive(LocalS3Server server, String bucket) throws Exception {
        Map<String, Integer> ids = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (S3Client s3 = server.client()) {
            List<String> keys = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .forEach(keys::add);
            List<Future<?>> reads = new ArrayList<>();
            for (String key : keys) {
                reads.add(pool.submit(() -> {
                    String body =
                            s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
                    for (String line : body.split("\n")) {
                        if (!line.isBlank()) {
                            ids.merge(MAPPER.readTree(line).path("event_id").asText(), 1, Integer::sum);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : reads) {
                f.get();
            }
            System.out.printf("s3 archive: %d objects%n", keys.size());
        } finally {
            pool.shutdownNow();
        }
        return ids;
    }
}
