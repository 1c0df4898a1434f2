package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.core.store.nats.NatsAuditConfig;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where state lives. An unset URL selects the embedded (in-memory / in-process) implementation. Immutable.
 *
 * @param databaseUrl PostgreSQL ({@code DATABASE_URL}, e.g. {@code postgresql://user:pw@host:5432/astradesk})
 * @param redisUrl    Redis ({@code REDIS_URL}, e.g. {@code redis://host:6379})
 * @param natsUrl     NATS ({@code NATS_URL}, e.g. {@code nats://host:4222})
 * @param nats        the audit stream the relay publishes to, present with {@code NATS_URL}: the same
 *                    {@code AUDIT_STREAM} / {@code AUDIT_SUBJECT} / {@code AUDIT_DLQ_SUBJECT} the Auditor reads
 *                    ({@link #auditNats})
 */
public record StoreConfig(
        Optional<URI> databaseUrl, Optional<URI> redisUrl, Optional<URI> natsUrl, Optional<NatsAuditConfig> nats) {
    public StoreConfig {
        databaseUrl = Objects.requireNonNullElse(databaseUrl, Optional.empty());
        redisUrl = Objects.requireNonNullElse(redisUrl, Optional.empty());
        natsUrl = Objects.requireNonNullElse(natsUrl, Optional.empty());
        nats = Objects.requireNonNullElse(nats, Optional.empty());
    }

    /** Everything embedded. */
    public static StoreConfig embedded() {
        return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * The audit stream on {@code url} as the environment names it: {@code AUDIT_STREAM} (default
     * {@value NatsAuditConfig#DEFAULT_STREAM}), {@code AUDIT_SUBJECT} (default {@value
     * NatsAuditConfig#DEFAULT_SUBJECT}) and {@code AUDIT_DLQ_SUBJECT} (default {@code astradesk.audit.dlq}). The one
     * reading of these settings, shared by the server's relay and the Auditor.
     *
     * @throws IllegalArgumentException when a value is blank or the dead-letter subject equals the subject
     */
    public static NatsAuditConfig auditNats(String url, EnvReader env) {
        return NatsAuditConfig.defaults(url)
                .withStream(
                        env.string("AUDIT_STREAM").orElse(NatsAuditConfig.DEFAULT_STREAM),
                        env.string("AUDIT_SUBJECT").orElse(NatsAuditConfig.DEFAULT_SUBJECT),
                        env.string("AUDIT_DLQ_SUBJECT").orElse(NatsAuditConfig.DEFAULT_SUBJECT + ".dlq"));
    }

    /** Whether no external service is configured. */
    public boolean allEmbedded() {
        return databaseUrl.isEmpty() && redisUrl.isEmpty() && natsUrl.isEmpty();
    }

    static StoreConfig from(EnvReader env) {
        Optional<URI> natsUrl = env.uri("NATS_URL", Set.of("nats", "tls", "ws", "wss"));
        Optional<NatsAuditConfig> nats;
        try {
            nats = natsUrl.map(url -> auditNats(url.toString(), env));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    List.of("AUDIT_STREAM", "AUDIT_SUBJECT", "AUDIT_DLQ_SUBJECT"), "AUDIT_*: " + e.getMessage());
        }
        return new StoreConfig(
                env.uri("DATABASE_URL", Set.of("postgres", "postgresql", "jdbc")),
                env.uri("REDIS_URL", Set.of("redis", "rediss")),
                natsUrl,
                nats);
    }
}
