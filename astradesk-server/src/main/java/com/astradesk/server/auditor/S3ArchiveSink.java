package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditEventFormatException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Archives audit events in S3 as their exact wire JSON, in one of two {@linkplain S3ArchiveConfig.Layout
 * layouts}. By default each batch becomes one NDJSON object per day, keyed by its range of {@linkplain
 * AuditEvent#archiveSequence() archive sequences} — outbox ids (audit row ids) for relayed events, else stream sequences — (one
 * PUT for the whole batch); events that may have been stored before (re-delivered, or sent again by the relay after
 * the stream's duplicate window: {@link AuditEvent#maybeStoredBefore()}) are first looked up in the objects whose
 * range holds their archive sequence and are not written again, so every event is archived once, however late the
 * relay sends it again, on any replica and after restarts (the archive itself is the record). In the per-event
 * layout each
 * event is one object {@code prefix/yyyy/MM/dd/<event_id>.json}, idempotent by its key. With conditional PUTs
 * an existing key is never overwritten (the 412 counts as archived). Object lock is set per object when
 * configured. Uses the AWS SDK v2 with the JDK URL-connection HTTP client. Thread-safe; close it to release the
 * client.
 */
public final class S3ArchiveSink implements AuditArchiveSink, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(S3ArchiveSink.class);
    private static final int PRECONDITION_FAILED = 412;

    private final S3ArchiveConfig config;
    private final S3Client s3;
    private final ExecutorService pool;

    /** Builds the client for {@code config}. */
    public S3ArchiveSink(S3ArchiveConfig config) {
        this.config = config;
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(config.region()))
                .httpClient(UrlConnectionHttpClient.create())
                .forcePathStyle(config.pathStyle())
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        config.endpoint().ifPresent(builder::endpointOverride);
        if (config.accessKeyId().isPresent()) {
            builder.credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                    config.accessKeyId().get(), config.secretAccessKey().orElseThrow())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
        this.pool = Executors.newFixedThreadPool(config.concurrency(), r -> {
            Thread t = new Thread(r, "astradesk-s3-archive");
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public String name() {
        return "s3";
    }

    @Override
    public Set<String> write(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return Set.of();
        }
        if (config.layout() == S3ArchiveConfig.Layout.OBJECT_PER_EVENT) {
            return putAll(events.stream().map(List::of).toList(), o -> config.keyOf(o.get(0)));
        }
        Set<String> archived = archivedAmong(
                events.stream().filter(AuditEvent::maybeStoredBefore).toList());
        List<AuditEvent> todo = archived.isEmpty()
                ? events
                : events.stream().filter(e -> !archived.contains(e.eventId())).toList();
        if (todo.isEmpty()) {
            return new TreeSet<>();
        }
        return putAll(ArchiveBatches.split(todo), o -> ArchiveBatches.keyOf(config, o));
    }

    /** Puts each object (a list of events) in parallel; returns the ids of the events whose object failed. */
    private Set<String> putAll(List<List<AuditEvent>> objects, Function<List<AuditEvent>, String> keyOf) {
        List<CompletableFuture<String>> puts = new ArrayList<>(objects.size());
        for (List<AuditEvent> o : objects) {
            puts.add(CompletableFuture.supplyAsync(() -> put(keyOf.apply(o), o), pool));
        }
        Set<String> failed = new TreeSet<>();
        int total = 0;
        RuntimeException firstError = null;
        for (int i = 0; i < puts.size(); i++) {
            total += objects.get(i).size();
            try {
                puts.get(i).join();
            } catch (RuntimeException ex) {
                objects.get(i).forEach(e -> failed.add(e.eventId()));
                firstError = firstError == null ? ex : firstError;
            }
        }
        if (failed.size() == total) {
            throw new SinkUnavailableException(name(), "no event of the batch was archived", firstError);
        }
        if (firstError != null) {
            LOG.warn("s3 archive: {} of {} events not archived: {}", failed.size(), total, firstError.toString());
        }
        return failed;
    }

    /**
     * The ids among {@code candidates} already archived in batch objects: lists each day's objects whose
     * archive-sequence range may hold them (at most {@link ArchiveBatches#MAX_SPAN} before the lowest) and reads
     * those whose range does.
     */
    private Set<String> archivedAmong(List<AuditEvent> candidates) {
        Set<String> found = new HashSet<>();
        Map<String, List<AuditEvent>> byDay = new TreeMap<>();
        candidates.stream()
                .filter(e -> e.archiveSequence() > 0)
                .forEach(e -> byDay.computeIfAbsent(e.dayPath(), d -> new ArrayList<>())
                        .add(e));
        try {
            for (Map.Entry<String, List<AuditEvent>> day : byDay.entrySet()) {
                TreeSet<Long> seqs = new TreeSet<>();
                Set<String> wanted = new HashSet<>();
                day.getValue().forEach(e -> {
                    seqs.add(e.archiveSequence());
                    wanted.add(e.eventId());
                });
                String prefix = config.dayPrefix(day.getKey());
                long from = Math.max(0, seqs.first() - ArchiveBatches.MAX_SPAN);
                Iterable<S3Object> listing = s3.listObjectsV2Paginator(b ->
                                b.bucket(config.bucket()).prefix(prefix).startAfter(prefix + ArchiveBatches.pad(from)))
                        .contents();
                for (S3Object o : listing) {
                    Optional<ArchiveBatches.Range> range = ArchiveBatches.rangeOf(o.key());
                    if (range.isEmpty()) {
                        continue;
                    }
                    if (range.get().first() > seqs.last()) {
                        break;
                    }
                    Long inside = seqs.ceiling(range.get().first());
                    if (inside != null && inside <= range.get().last()) {
                        for (String line : read(o.key()).split("\n")) {
                            String id = eventIdOf(line);
                            if (wanted.contains(id)) {
                                found.add(id);
                            }
                        }
                    }
                }
            }
        } catch (SdkException e) {
            throw new SinkUnavailableException(name(), "looking up re-delivered events failed: " + e.getMessage(), e);
        }
        if (!found.isEmpty()) {
            LOG.info(
                    "s3 archive: {} events delivered or sent again were archived before, not written again",
                    found.size());
        }
        return found;
    }

    private static String eventIdOf(String line) {
        try {
            return line.isBlank() ? "" : AuditEvent.parse(line).eventId();
        } catch (AuditEventFormatException e) {
            return "";
        }
    }

    /**
     * The bucket's event object keys ({@code .json}: one event, {@code .ndjson}: one per line) under the prefix
     * (optionally only those starting with {@code dayPrefix}).
     */
    public void listKeys(String dayPrefix, Consumer<String> keys) {
        String p = config.prefix().isEmpty() ? dayPrefix : config.prefix() + "/" + dayPrefix;
        s3
                .listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(config.bucket())
                        .prefix(p)
                        .build())
                .contents()
                .stream()
                .map(S3Object::key)
                .filter(k -> k.endsWith(".json") || k.endsWith(".ndjson"))
                .forEach(keys);
    }

    /** The text of one object. */
    public String read(String key) {
        return s3.getObjectAsBytes(b -> b.bucket(config.bucket()).key(key)).asString(StandardCharsets.UTF_8);
    }

    /** The configuration in use. */
    public S3ArchiveConfig config() {
        return config;
    }

    @Override
    public void close() {
        pool.shutdownNow();
        s3.close();
    }

    private String put(String key, List<AuditEvent> object) {
        byte[] body = object.size() == 1 && key.endsWith(".json")
                ? object.get(0).json().getBytes(StandardCharsets.UTF_8)
                : ArchiveBatches.body(object);
        String contentType = key.endsWith(".ndjson") ? "application/x-ndjson" : "application/json";
        PutObjectRequest.Builder req =
                PutObjectRequest.builder().bucket(config.bucket()).key(key).contentType(contentType);
        if (config.conditionalPut()) {
            req.ifNoneMatch("*");
        }
        config.objectLock()
                .ifPresent(lock -> req.objectLockMode(lock.mode())
                        .objectLockRetainUntilDate(Instant.now().plus(lock.retention()))
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256));
        try {
            // the SDK reads the buffer as it is (RequestBody.fromBytes/fromString would copy it once more)
            s3.putObject(
                    req.build(),
                    RequestBody.fromContentProvider(
                            ContentStreamProvider.fromByteArrayUnsafe(body), body.length, contentType));
        } catch (S3Exception e) {
            if (config.conditionalPut() && e.statusCode() == PRECONDITION_FAILED) {
                return key;
            }
            throw new SinkUnavailableException(name(), "PUT " + key + " failed with HTTP " + e.statusCode(), e);
        } catch (SdkException e) {
            throw new SinkUnavailableException(name(), "PUT " + key + " failed: " + e.getMessage(), e);
        }
        return key;
    }
}
