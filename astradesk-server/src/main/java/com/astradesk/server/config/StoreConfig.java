package com.astradesk.server.config;

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
 */
public record StoreConfig(Optional<URI> databaseUrl, Optional<URI> redisUrl, Optional<URI> natsUrl) {
    public StoreConfig {
        databaseUrl = Objects.requireNonNullElse(databaseUrl, Optional.empty());
        redisUrl = Objects.requireNonNullElse(redisUrl, Optional.empty());
        natsUrl = Objects.requireNonNullElse(natsUrl, Optional.empty());
    }

    /** Everything embedded. */
    public static StoreConfig embedded() {
        return new StoreConfig(Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Whether no external service is configured. */
    public boolean allEmbedded() {
        return databaseUrl.isEmpty() && redisUrl.isEmpty() && natsUrl.isEmpty();
    }

    static StoreConfig from(EnvReader env) {
        return new StoreConfig(
                env.uri("DATABASE_URL", Set.of("postgres", "postgresql", "jdbc")),
                env.uri("REDIS_URL", Set.of("redis", "rediss")),
                env.uri("NATS_URL", Set.of("nats", "tls", "ws", "wss")));
    }
}
