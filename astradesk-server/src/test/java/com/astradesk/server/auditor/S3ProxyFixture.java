package com.astradesk.server.auditor;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3-compatible server (s3proxy 4.1.0, filesystem store) on a loopback port that a test can stop and
 * start again on the same port with the same data. Not thread-safe.
 */
final class S3ProxyFixture implements AutoCloseable {
    static final String ACCESS = "audit-access";
    static final String SECRET = "audit-secret-key";

    private final Path dir;
    private S3Proxy proxy;
    private int port;

    private S3ProxyFixture(Path dir) {
        this.dir = dir;
    }

    static S3ProxyFixture start() throws Exception {
        S3ProxyFixture f = new S3ProxyFixture(Files.createTempDirectory("astradesk-s3-"));
        f.startOn(0);
        return f;
    }

    void restart() throws Exception {
        startOn(port);
    }

    void stop() throws Exception {
        proxy.stop();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** A sink config for a fresh bucket on this server. */
    S3ArchiveConfig createBucket(String bucket) {
        try (S3Client s3 = client()) {
            s3.createBucket(b -> b.bucket(bucket));
        }
        return S3ArchiveConfig.of(bucket, "us-east-1").withEndpoint(endpoint(), ACCESS, SECRET);
    }

    List<String> keys(String bucket) {
        List<String> keys = new ArrayList<>();
        try (S3Client s3 = client()) {
            s3.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream()
                    .map(S3Object::key)
                    .forEach(keys::add);
        }
        return keys;
    }

    String read(String bucket, String key) {
        try (S3Client s3 = client()) {
            return s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asString(StandardCharsets.UTF_8);
        }
    }

    /**
     * The event id of every archived copy (one per {@code .json} object, one per {@code .ndjson} line). A key
     * listed while the Auditor is still writing may be gone when read (s3proxy's filesystem store lists its
     * temporary files): it is skipped, as a caller polling this sees the finished object next time.
     */
    List<String> eventIds(String bucket) {
        List<String> ids = new ArrayList<>();
        for (String key : keys(bucket)) {
            String body;
            try {
                body = read(bucket, key);
            } catch (NoSuchKeyException e) {
                continue;
            }
            for (String line : body.split("\n")) {
                if (!line.isBlank()) {
                    ids.add(AuditEvent.parse(line).eventId());
                }
            }
        }
        return ids;
    }

    void overwrite(String bucket, String key, String body) {
        try (S3Client s3 = client()) {
            s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(body, StandardCharsets.UTF_8));
        }
    }

    void delete(String bucket, String key) {
        try (S3Client s3 = client()) {
            s3.deleteObject(b -> b.bucket(bucket).key(key));
        }
    }

    S3Client client() {
        return S3Client.builder()
                .region(Region.US_EAST_1)
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        }
    }

    private void startOn(int wanted) throws Exception {
        Properties props = new Properties();
        props.setProperty("jclouds.filesystem.basedir", dir.toString());
        proxy = S3Proxy.builder()
                .blobStore(BlobStores.create("filesystem", props))
                .endpoint(URI.create("http://127.0.0.1:" + wanted))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        port = proxy.getPort();
    }
}
