package com.astradesk.server.wiring;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.redis.RedisConfig;
import com.astradesk.core.store.redis.RedisStores;
import com.astradesk.server.config.ConfigException;
import com.astradesk.server.config.StoreConfig;
import com.astradesk.server.health.ReadinessCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the state ports the configuration asks for: PostgreSQL ({@code DATABASE_URL}: dialogues, audit log,
 * run journal with outbox, pgvector knowledge) and Redis ({@code REDIS_URL}: locks), in memory for whatever is
 * unset. Each opened service gets a readiness check; {@link #close()} releases their pools. Thread-safe.
 */
public final class ServerStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStores.class);

    private final StatePorts ports;
    private final List<ReadinessCheck> readinessChecks;
    private final List<AutoCloseable> resources;
    private final Optional<RedisStores> redis;

    private ServerStores(
            StatePorts ports, List<ReadinessCheck> checks, List<AutoCloseable> resources, Optional<RedisStores> redis) {
        this.ports = ports;
        this.redis = redis;
        this.readinessChecks = List.copyOf(checks);
        this.resources = List.copyOf(resources);
    }

    /**
     * Opens every configured service; PostgreSQL migrations run on open.
     *
     * @throws ConfigException       naming the variable when a URL is unusable or has no adapter yet
     * @throws AstraDeskException    when a configured service cannot be reached
     */
    public static ServerStores open(StoreConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.natsUrl().isPresent()) {
            throw new ConfigException(
                    "NATS_URL",
                    "NATS_URL is set, but this server build has no NATS audit relay wired yet; unset it to publish"
                            + " audit events on the in-process bus");
        }
        List<ReadinessCheck> checks = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            InProcessAuditBus bus = AuditPublisher.inProcess();
            DialogueStore dialogues;
            AuditLog auditLog;
            RunJournal journal;
            KnowledgeIndex knowledge;
            if (config.databaseUrl().isPresent()) {
                PostgresStores pg = PostgresStores.open(parse(
                        "DATABASE_URL",
                        () -> PostgresConfig.of(config.databaseUrl().get().toString())));
                resources.add(pg);
                checks.add(check("database", pg::ping));
                dialogues = pg.dialogues();
                auditLog = pg.auditLog();
                journal = pg.runJournal(bus);
                knowledge = pg.knowledgeIndex(StatePorts.embedder());
                LOG.info("state: PostgreSQL (dialogues, audit log, run journal with outbox, knowledge)");
            } else {
                dialogues = DialogueStore.inMemory();
                auditLog = AuditLog.inMemory();
                journal = RunJournal.inMemory(dialogues, auditLog, bus);
                knowledge = KnowledgeIndex.inMemory(StatePorts.embedder());
            }
            LockService locks;
            Optional<RedisStores> shared = Optional.empty();
            if (config.redisUrl().isPresent()) {
                RedisStores redis = RedisStores.open(parse(
                        "REDIS_URL",
                        () -> RedisConfig.of(config.redisUrl().get().toString())));
                resources.add(redis);
                checks.add(check("redis", redis::ping));
                locks = redis.lockService();
                shared = Optional.of(redis);
                LOG.info("state: Redis (locks)");
            } else {
                locks = LockService.inMemory();
            }
            StatePorts ports = new StatePorts(dialogues, auditLog, bus, journal, locks, knowledge);
            return new ServerStores(ports, checks, resources, shared);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The opened ports. */
    public StatePorts ports() {
        return ports;
    }

    /** The Redis stores when {@code REDIS_URL} is set (rate limits and idempotency records live there too). */
    public Optional<RedisStores> redis() {
        return redis;
    }

    /** One readiness check per external service opened (none in embedded mode). */
    public List<ReadinessCheck> readinessChecks() {
        return readinessChecks;
    }

    @Override
    public void close() {
        closeAll(resources);
    }

    private static <T> T parse(String variable, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(variable, variable + ": " + e.getMessage());
        }
    }

    private static ReadinessCheck check(String name, Runnable ping) {
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void probe() {
                ping.run();
            }
        };
    }

    private static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", r.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
