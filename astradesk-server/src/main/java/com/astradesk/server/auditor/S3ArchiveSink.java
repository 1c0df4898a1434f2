package com.astradesk.server.auditor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
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
 * Archives each audit event as one S3 object {@code prefix/yyyy/MM/dd/<event_id>.json} holding the exact wire
 * JSON. Idempotent: a re-delivered event writes the same key with the same bytes (or, with conditional PUTs,
 * is refused with 412, which counts as archived). Object lock is set per object when configured. Uses the
 * AWS SDK v2 with the JDK URL-connection HTTP client. Thread-safe; close it to release the client.
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
        List<CompletableFuture<String>> puts = new ArrayList<>(events.size());
        for (AuditEvent e : events) {
            puts.add(CompletableFuture.supplyAsync(() -> put(e), pool));
        }
        Set<String> failed = new TreeSet<>();
        RuntimeException firstError = null;
        for (int i = 0; i < puts.size(); i++) {
            try {
                puts.get(i).join();
            } catch (RuntimeException ex) {
                failed.add(events.get(i).eventId());
                firstError = firstError == null ? ex : firstError;
            }
        }
        if (!events.isEmpty() && failed.size() == events.size()) {
            throw new SinkUnavailableException(name(), "no event of the batch was archived", firstError);
        }
        if (firstError != null) {
            LOG.warn(
                    "s3 archive: {} of {} events not archived: {}",
                    failed.size(),
                    events.size(),
                    firstError.toString());
        }
        return failed;
    }

    /** The bucket's event object keys under the prefix (optionally only those starting with {@code dayPrefix}). */
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
                .filter(k -> k.endsWith(".json"))
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

    private String put(AuditEvent event) {
        String key = config.keyOf(event);
        PutObjectRequest.Builder req =
                PutObjectRequest.builder().bucket(config.bucket()).key(key).contentType("application/json");
        if (config.conditionalPut()) {
            req.ifNoneMatch("*");
        }
        config.objectLock()
                .ifPresent(lock -> req.objectLockMode(lock.mode())
                        .objectLockRetainUntilDate(Instant.now().plus(lock.retention()))
                        .checksumAlgorithm(ChecksumAlgorithm.SHA256));
        try {
            s3.putObject(req.build(), RequestBody.fromString(event.json(), StandardCharsets.UTF_8));
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
