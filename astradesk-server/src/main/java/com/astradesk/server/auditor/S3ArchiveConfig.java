package com.astradesk.server.auditor;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the S3 archive lives. Immutable and thread-safe.
 *
 * @param bucket          the bucket (create it with object lock enabled for WORM retention)
 * @param prefix          key prefix, e.g. {@code audit}; keys are {@code prefix/yyyy/MM/dd/<event_id>.json}
 * @param region          the AWS region, e.g. {@code eu-central-1}
 * @param endpoint        an S3-compatible endpoint (MinIO, Ceph, s3proxy); empty for AWS
 * @param pathStyle       path-style addressing (needed by most S3-compatible servers)
 * @param accessKeyId     static credentials; empty to use the default AWS credentials chain
 * @param secretAccessKey static credentials' secret; empty to use the default chain
 * @param conditionalPut  send {@code If-None-Match: *} so an archived object is never overwritten (S3 since
 *                        2024; a 412 then counts as already archived)
 * @param objectLock      per-object retention to set on each PUT; empty to rely on the bucket's default
 * @param concurrency     parallel PUTs per batch
 */
public record S3ArchiveConfig(
        String bucket,
        String prefix,
        String region,
        Optional<URI> endpoint,
        boolean pathStyle,
        Optional<String> accessKeyId,
        Optional<String> secretAccessKey,
        boolean conditionalPut,
        Optional<ObjectLockSettings> objectLock,
        int concurrency) {

    /**
     * Per-object retention.
     *
     * @param mode      {@code GOVERNANCE} or {@code COMPLIANCE}
     * @param retention how long each object stays locked after it is written
     */
    public record ObjectLockSettings(String mode, Duration retention) {
        public ObjectLockSettings {
            if (!"GOVERNANCE".equals(mode) && !"COMPLIANCE".equals(mode)) {
                throw new IllegalArgumentException("object lock mode must be GOVERNANCE or COMPLIANCE, was " + mode);
            }
            Objects.requireNonNull(retention, "retention");
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("object lock retention must be positive");
            }
        }
    }

    /** AWS defaults for a bucket: prefix {@code audit}, default credentials chain, 8 parallel PUTs. */
    public static S3ArchiveConfig of(String bucket, String region) {
        return new S3ArchiveConfig(
                bucket,
                "audit",
                region,
                Optional.empty(),
                false,
                Optional.empty(),
                Optional.empty(),
                false,
                Optional.empty(),
                8);
    }

    public S3ArchiveConfig {
        if (bucket == null || bucket.isBlank()) {
            throw new IllegalArgumentException("S3 bucket must not be blank");
        }
        prefix = prefix == null ? "" : prefix.replaceAll("^/+|/+$", "");
        if (region == null || region.isBlank()) {
            throw new IllegalArgumentException("S3 region must not be blank");
        }
        endpoint = Objects.requireNonNullElse(endpoint, Optional.empty());
        accessKeyId = Objects.requireNonNullElse(accessKeyId, Optional.empty());
        secretAccessKey = Objects.requireNonNullElse(secretAccessKey, Optional.empty());
        if (accessKeyId.isPresent() != secretAccessKey.isPresent()) {
            throw new IllegalArgumentException("S3 access key id and secret access key must be set together");
        }
        objectLock = Objects.requireNonNullElse(objectLock, Optional.empty());
        if (concurrency < 1 || concurrency > 64) {
            throw new IllegalArgumentException("S3 concurrency must be between 1 and 64, was " + concurrency);
        }
    }

    /** A copy for an S3-compatible server at {@code uri} with path-style addressing and static keys. */
    public S3ArchiveConfig withEndpoint(URI uri, String accessKey, String secretKey) {
        return new S3ArchiveConfig(
                bucket,
                prefix,
                region,
                Optional.of(uri),
                true,
                Optional.of(accessKey),
                Optional.of(secretKey),
                conditionalPut,
                objectLock,
                concurrency);
    }

    /** A copy with another key prefix. */
    public S3ArchiveConfig withPrefix(String keyPrefix) {
        return new S3ArchiveConfig(
                bucket,
                keyPrefix,
                region,
                endpoint,
                pathStyle,
                accessKeyId,
                secretAccessKey,
                conditionalPut,
                objectLock,
                concurrency);
    }

    /** A copy with another number of parallel PUTs. */
    public S3ArchiveConfig withConcurrency(int parallelPuts) {
        return new S3ArchiveConfig(
                bucket,
                prefix,
                region,
                endpoint,
                pathStyle,
                accessKeyId,
                secretAccessKey,
                conditionalPut,
                objectLock,
                parallelPuts);
    }

    /** The object key of an event: {@code prefix/yyyy/MM/dd/<event_id>.json}. */
    public String keyOf(AuditEvent event) {
        String tail = event.dayPath() + "/" + event.eventId() + ".json";
        return prefix.isEmpty() ? tail : prefix + "/" + tail;
    }
}
