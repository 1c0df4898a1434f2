package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.core.store.nats.NatsAuditConfig;
import java.net.URI;
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
     * NatsAuditConfig#DEFAULT_SUBJECT}) and {@code AUDIT_DLQ_SUBJECT} (default {@code <AUDIT_SUBJECT>.dlq}, so two
     * deployments with their own stream and subject can share one NATS server: a stream's subjects must not overlap
     * another's). The one reading of these settings, shared by the server's relay and the Auditor.
     *
     * @throws ConfigException naming the variable whose value NATS would refuse, or {@code AUDIT_DLQ_SUBJECT} when it
     *                         equals the subject
     */
    public static NatsAuditConfig auditNats(String url, EnvReader env) {
        String stream = env.string("AUDIT_STREAM").orElse(NatsAuditConfig.DEFAULT_STREAM);
        if (!NatsAuditConfig.isStreamName(stream)) {
            throw new ConfigException(
                    "AUDIT_STREAM",
                    "AUDIT_STREAM must be a JetStream stream name (printable, no whitespace, '.', '*', '>' or"
                            + " slashes), e.g. ASTRADESK_AUDIT; was '" + stream + "'");
        }
        String subject = env.string("AUDIT_SUBJECT").orElse(NatsAuditConfig.DEFAULT_SUBJECT);
        if (!NatsAuditConfig.isSubject(subject)) {
            throw new ConfigException(
                    "AUDIT_SUBJECT",
                    "AUDIT_SUBJECT must be a NATS subject without wildcards (dot-separated tokens, no whitespace,"
                            + " '*' or '>'), e.g. astradesk.audit; was '" + subject + "'");
        }
        String dlqSubject = env.string("AUDIT_DLQ_SUBJECT").orElse(subject + ".dlq");
        if (!NatsAuditConfig.isSubject(dlqSubject) || dlqSubject.equals(subject)) {
            throw new ConfigException(
                    "AUDIT_DLQ_SUBJECT",
                    "AUDIT_DLQ_SUBJECT must be a NATS subject without wildcards other than AUDIT_SUBJECT, e.g. "
                            + subject + ".dlq; was '" + dlqSubject + "'");
        }
        return NatsAuditConfig.defaults(url).withStream(stream, subject, dlqSubject);
    }

    /** Whether no external service is configured. */
    public boolean allEmbedded() {
        return databaseUrl.isEmpty() && redisUrl.isEmpty() && natsUrl.isEmpty();
    }

    static StoreConfig from(EnvReader env) {
        Optional<URI> natsUrl = env.uri("NATS_URL", Set.of("nats", "tls", "ws", "wss"));
        Optional<NatsAuditConfig> nats = natsUrl.map(url -> auditNats(url.toString(), env));
        return new StoreConfig(
                env.uri("DATABASE_URL", Set.of("postgres", "postgresql", "jdbc")),
                env.uri("REDIS_URL", Set.of("redis", "rediss")),
                natsUrl,
                nats);
    }
}
