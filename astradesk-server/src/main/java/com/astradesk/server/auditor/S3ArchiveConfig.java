package com.astradesk.server.auditor;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Where the S3 archive lives. Immutable and thread-safe.
 *
 * @param bucket          the bucket (create it with object lock enabled for WORM retention)
 * @param prefix          key prefix, e.g. {@code audit}; keys start with {@code prefix/yyyy/MM/dd/}
 * @param region          the AWS region, e.g. {@code eu-central-1}
 * @param endpoint        an S3-compatible endpoint (MinIO, Ceph, s3proxy); empty for AWS
 * @param pathStyle       path-style addressing (needed by most S3-compatible servers)
 * @param accessKeyId     static credentials; empty to use the default AWS credentials chain
 * @param secretAccessKey static credentials' secret; empty to use the default chain
 * @param conditionalPut  send {@code If-None-Match: *} so an archived object is never overwritten (S3 since
 *                        2024; a 412 then counts as already archived)
 * @param objectLock      per-object retention to set on each PUT; empty to rely on the bucket's default
 * @param concurrency     parallel PUTs per batch
 * @param layout          one object per Auditor batch (default) or one per event
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
        int concurrency,
        Layout layout) {

    /** How events map to objects. */
    public enum Layout {
        /**
         * One NDJSON object per Auditor batch and day, {@code prefix/yyyy/MM/dd/<first seq>-<last seq>-<first
         * event_id>.ndjson} (stream sequences zero-padded to 20 digits), one event per line in stream order: one
         * PUT for hundreds of events. Re-delivered events are looked up by stream sequence and not written twice.
         */
        OBJECT_PER_BATCH,
        /** One object per event, {@code prefix/yyyy/MM/dd/<event_id>.json}: one PUT per event. */
        OBJECT_PER_EVENT
    }

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

    /**
     * AWS defaults for a bucket: prefix {@code audit}, default credentials chain, 8 parallel PUTs, one object per
     * batch.
     */
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
                8,
                Layout.OBJECT_PER_BATCH);
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
        Objects.requireNonNull(layout, "layout");
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
                concurrency,
                layout);
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
                concurrency,
                layout);
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
                parallelPuts,
                layout);
    }

    /** A copy with another object layout. */
    public S3ArchiveConfig withLayout(Layout objectLayout) {
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
                concurrency,
                objectLayout);
    }

    /** The object key of an event in the per-event layout: {@code prefix/yyyy/MM/dd/<event_id>.json}. */
    public String keyOf(AuditEvent event) {
        return dayPrefix(event.dayPath()) + event.eventId() + ".json";
    }

    /** {@code prefix/yyyy/MM/dd/}: where the objects of one day (given as {@code yyyy/MM/dd}) live. */
    public String dayPrefix(String dayPath) {
        return (prefix.isEmpty() ? "" : prefix + "/") + dayPath + "/";
    }
}
