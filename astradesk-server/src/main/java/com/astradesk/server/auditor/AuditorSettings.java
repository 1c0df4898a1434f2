package com.astradesk.server.auditor;

import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.server.config.StoreConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the {@code auditor} process reads from the environment (names and defaults in
 * {@code docs/AUDIT_EVENTS.md}). Immutable and thread-safe.
 *
 * @param auditor    the consumer settings
 * @param s3         the archive, when {@code S3_BUCKET} is set
 * @param search     the index, when {@code ES_URL} is set
 * @param alerts     the alert rules ({@code AUDIT_ALERT_RULES_FILE}, else the built-in rules)
 * @param healthPort the port of {@code /healthz} and {@code /readyz} ({@code PORT}, default 8081)
 */
public record AuditorSettings(
        AuditorConfig auditor,
        Optional<S3ArchiveConfig> s3,
        Optional<SearchIndexConfig> search,
        AlertRules alerts,
        int healthPort) {

    /**
     * Reads the environment.
     *
     * @throws IllegalArgumentException naming the variable that is missing or wrong
     */
    public static AuditorSettings fromEnv(Map<String, String> env) {
        String natsUrl = get(env, "NATS_URL")
                .orElseThrow(() -> new IllegalArgumentException("NATS_URL must be set for the auditor"));
        NatsAuditConfig nats = StoreConfig.auditNats(natsUrl, name -> get(env, name));
        AuditorConfig defaults = AuditorConfig.defaults(nats);
        AuditorConfig auditor = new AuditorConfig(
                nats,
                get(env, "AUDITOR_DURABLE").orElse(AuditorConfig.DEFAULT_DURABLE),
                integer(env, "AUDITOR_BATCH_SIZE", defaults.batchSize()),
                defaults.fetchWait(),
                Duration.ofSeconds(integer(env, "AUDITOR_ACK_WAIT_SECONDS", (int)
                        defaults.ackWait().toSeconds())),
                defaults.nakMinDelay(),
                defaults.nakMaxDelay(),
                integer(env, "AUDITOR_WORKERS", defaults.workers()));
        Optional<S3ArchiveConfig> s3 = get(env, "S3_BUCKET").map(bucket -> s3(env, bucket));
        Optional<SearchIndexConfig> search = get(env, "ES_URL").map(url -> search(env, url));
        if (s3.isEmpty() && search.isEmpty()) {
            throw new IllegalArgumentException("the auditor needs a sink: set S3_BUCKET and/or ES_URL");
        }
        return new AuditorSettings(auditor, s3, search, alerts(env), integer(env, "PORT", 8081));
    }

    /**
     * The S3 archive named by {@code S3_*} variables alone (for {@code audit verify}, which needs no NATS).
     *
     * @throws IllegalArgumentException naming a wrong variable
     */
    public static Optional<S3ArchiveConfig> s3FromEnv(Map<String, String> env) {
        return get(env, "S3_BUCKET").map(bucket -> s3(env, bucket));
    }

    /** The sinks these settings name, S3 first. */
    public List<AuditArchiveSink> sinks() {
        List<AuditArchiveSink> out = new ArrayList<>();
        s3.ifPresent(c -> out.add(new S3ArchiveSink(c)));
        search.ifPresent(c -> out.add(new SearchIndexSink(c)));
        return out;
    }

    private static S3ArchiveConfig s3(Map<String, String> env, String bucket) {
        Optional<URI> endpoint = get(env, "S3_ENDPOINT").map(v -> uri("S3_ENDPOINT", v));
        Optional<S3ArchiveConfig.ObjectLockSettings> lock = get(env, "S3_OBJECT_LOCK_MODE")
                .map(mode -> new S3ArchiveConfig.ObjectLockSettings(
                        mode.toUpperCase(Locale.ROOT),
                        Duration.ofDays(integer(env, "S3_OBJECT_LOCK_RETENTION_DAYS", 365))));
        return new S3ArchiveConfig(
                bucket,
                get(env, "S3_PREFIX").orElse("audit"),
                get(env, "S3_REGION").or(() -> get(env, "AWS_REGION")).orElse("us-east-1"),
                endpoint,
                bool(env, "S3_PATH_STYLE", endpoint.isPresent()),
                get(env, "S3_ACCESS_KEY_ID"),
                get(env, "S3_SECRET_ACCESS_KEY"),
                bool(env, "S3_CONDITIONAL_PUT", false),
                lock,
                integer(env, "S3_CONCURRENCY", 8),
                layout(env));
    }

    private static S3ArchiveConfig.Layout layout(Map<String, String> env) {
        String raw = get(env, "S3_ARCHIVE_LAYOUT").orElse("batch").toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "batch" -> S3ArchiveConfig.Layout.OBJECT_PER_BATCH;
            case "event" -> S3ArchiveConfig.Layout.OBJECT_PER_EVENT;
            default ->
                throw new IllegalArgumentException("S3_ARCHIVE_LAYOUT must be batch or event; was '" + raw + "'");
        };
    }

    private static SearchIndexConfig search(Map<String, String> env, String url) {
        Optional<String> auth = get(env, "ES_API_KEY")
                .map(k -> "ApiKey " + k)
                .or(() -> get(env, "ES_USERNAME")
                        .map(user -> "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":"
                                                        + get(env, "ES_PASSWORD")
                                                                .orElse(""))
                                                .getBytes(StandardCharsets.UTF_8))));
        return new SearchIndexConfig(
                uri("ES_URL", url),
                get(env, "ES_INDEX_PREFIX").orElse("astradesk-audit-"),
                auth,
                Duration.ofSeconds(integer(env, "ES_TIMEOUT_SECONDS", 10)));
    }

    private static AlertRules alerts(Map<String, String> env) {
        AlertRules rules = get(env, "AUDIT_ALERT_RULES_FILE")
                .map(file -> {
                    try {
                        return AlertRules.parse(Files.readString(Path.of(file)));
                    } catch (IOException e) {
                        throw new IllegalArgumentException("AUDIT_ALERT_RULES_FILE: cannot read " + file);
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("AUDIT_ALERT_RULES_FILE " + file + ": " + e.getMessage());
                    }
                })
                .orElseGet(AlertRules::defaults);
        Optional<URI> hook = get(env, "ALERT_WEBHOOK_URL").map(v -> uri("ALERT_WEBHOOK_URL", v));
        return hook.isEmpty() ? rules : new AlertRules(rules.rules(), rules.logChannel(), hook, rules.webhookTimeout());
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static int integer(Map<String, String> env, String name, int defaultValue) {
        Optional<String> raw = get(env, name);
        try {
            return raw.isEmpty() ? defaultValue : Integer.parseInt(raw.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer; was '" + raw.get() + "'");
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean defaultValue) {
        Optional<String> raw = get(env, name).map(v -> v.toLowerCase(Locale.ROOT));
        if (raw.isEmpty()) {
            return defaultValue;
        }
        return switch (raw.get()) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException(name + " must be true or false; was '" + raw.get() + "'");
        };
    }

    private static URI uri(String name, String value) {
        try {
            URI uri = URI.create(value);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException(name + " must be an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    name + " must be an http(s) URL; was '" + value.replaceFirst("//[^/@]*@", "//***@") + "'");
        }
    }
}
