package com.astradesk.server.auditor;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
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
     * @throws ConfigException naming the variable that is missing or wrong
     */
    public static AuditorSettings fromEnv(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        String natsUrl = env.required("NATS_URL", "for the auditor");
        NatsAuditConfig nats = StoreConfig.auditNats(natsUrl, env);
        AuditorConfig defaults = AuditorConfig.defaults(nats);
        AuditorConfig auditor = new AuditorConfig(
                nats,
                env.string("AUDITOR_DURABLE").orElse(AuditorConfig.DEFAULT_DURABLE),
                env.integer("AUDITOR_BATCH_SIZE", defaults.batchSize()),
                defaults.fetchWait(),
                Duration.ofSeconds(env.integer(
                        "AUDITOR_ACK_WAIT_SECONDS", (int) defaults.ackWait().toSeconds())),
                defaults.nakMinDelay(),
                defaults.nakMaxDelay(),
                env.integer("AUDITOR_WORKERS", defaults.workers()));
        Optional<S3ArchiveConfig> s3 = env.string("S3_BUCKET").map(bucket -> s3(env, bucket));
        Optional<SearchIndexConfig> search = env.string("ES_URL").map(url -> search(env, url));
        if (s3.isEmpty() && search.isEmpty()) {
            throw new ConfigException(
                    List.of("S3_BUCKET", "ES_URL"), "the auditor needs a sink: set S3_BUCKET and/or ES_URL");
        }
        return new AuditorSettings(auditor, s3, search, alerts(env), env.integer("PORT", 8081));
    }

    /**
     * The S3 archive named by {@code S3_*} variables alone (for {@code audit verify}, which needs no NATS).
     *
     * @throws ConfigException naming a wrong variable
     */
    public static Optional<S3ArchiveConfig> s3FromEnv(Map<String, String> environment) {
        EnvReader env = new EnvReader(environment);
        return env.string("S3_BUCKET").map(bucket -> s3(env, bucket));
    }

    /** The sinks these settings name, S3 first. */
    public List<AuditArchiveSink> sinks() {
        List<AuditArchiveSink> out = new ArrayList<>();
        s3.ifPresent(c -> out.add(new S3ArchiveSink(c)));
        search.ifPresent(c -> out.add(new SearchIndexSink(c)));
        return out;
    }

    private static S3ArchiveConfig s3(EnvReader env, String bucket) {
        Optional<URI> endpoint = env.httpUrl("S3_ENDPOINT");
        Optional<S3ArchiveConfig.ObjectLockSettings> lock = env.string("S3_OBJECT_LOCK_MODE")
                .map(mode -> new S3ArchiveConfig.ObjectLockSettings(
                        mode.toUpperCase(Locale.ROOT),
                        Duration.ofDays(env.integer("S3_OBJECT_LOCK_RETENTION_DAYS", 365))));
        return new S3ArchiveConfig(
                bucket,
                env.string("S3_PREFIX").orElse("audit"),
                env.string("S3_REGION").or(() -> env.string("AWS_REGION")).orElse("us-east-1"),
                endpoint,
                env.bool("S3_PATH_STYLE", endpoint.isPresent()),
                env.string("S3_ACCESS_KEY_ID"),
                env.string("S3_SECRET_ACCESS_KEY"),
                env.bool("S3_CONDITIONAL_PUT", false),
                lock,
                env.integer("S3_CONCURRENCY", 8),
                layout(env));
    }

    private static S3ArchiveConfig.Layout layout(EnvReader env) {
        String raw = env.string("S3_ARCHIVE_LAYOUT").orElse("batch").toLowerCase(Locale.ROOT);
        return switch (raw) {
            case "batch" -> S3ArchiveConfig.Layout.OBJECT_PER_BATCH;
            case "event" -> S3ArchiveConfig.Layout.OBJECT_PER_EVENT;
            default ->
                throw new ConfigException(
                        "S3_ARCHIVE_LAYOUT", "S3_ARCHIVE_LAYOUT must be batch or event; was '" + raw + "'");
        };
    }

    private static SearchIndexConfig search(EnvReader env, String url) {
        Optional<String> auth = env.string("ES_API_KEY")
                .map(k -> "ApiKey " + k)
                .or(() -> env.string("ES_USERNAME")
                        .map(user -> "Basic "
                                + Base64.getEncoder()
                                        .encodeToString((user + ":"
                                                        + env.string("ES_PASSWORD")
                                                                .orElse(""))
                                                .getBytes(StandardCharsets.UTF_8))));
        return new SearchIndexConfig(
                env.httpUrl("ES_URL").orElseThrow(),
                env.string("ES_INDEX_PREFIX").orElse("astradesk-audit-"),
                auth,
                Duration.ofSeconds(env.integer("ES_TIMEOUT_SECONDS", 10)));
    }

    private static AlertRules alerts(EnvReader env) {
        AlertRules rules = env.string("AUDIT_ALERT_RULES_FILE")
                .map(file -> {
                    try {
                        return AlertRules.parse(Files.readString(Path.of(file)));
                    } catch (IOException e) {
                        throw new ConfigException(
                                "AUDIT_ALERT_RULES_FILE", "AUDIT_ALERT_RULES_FILE: cannot read " + file);
                    } catch (IllegalArgumentException e) {
                        throw new ConfigException(
                                "AUDIT_ALERT_RULES_FILE", "AUDIT_ALERT_RULES_FILE " + file + ": " + e.getMessage());
                    }
                })
                .orElseGet(AlertRules::defaults);
        Optional<URI> hook = env.httpUrl("ALERT_WEBHOOK_URL");
        return hook.isEmpty() ? rules : new AlertRules(rules.rules(), rules.logChannel(), hook, rules.webhookTimeout());
    }
}
