package com.astradesk.server.wiring;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.audit.InProcessAuditBus;
import com.astradesk.core.config.ConfigException;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.redis.RedisConfig;
import com.astradesk.core.store.redis.RedisStores;
import com.astradesk.server.auditor.AuditRelayProcess;
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
 * run journal with outbox, pgvector knowledge), Redis ({@code REDIS_URL}: locks) and the audit relay to NATS
 * JetStream ({@code NATS_URL}), in memory for whatever is unset. Each opened service gets a readiness check; {@link #close()} releases their pools. Thread-safe.
 */
public final class ServerStores implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ServerStores.class);

    private final StatePorts ports;
    private final List<ReadinessCheck> readinessChecks;
    private final List<AutoCloseable> resources;
    private final Optional<PostgresStores> postgres;
    private final Optional<RedisStores> redis;
    private final Optional<AuditRelayProcess> relay;

    private ServerStores(
            StatePorts ports,
            List<ReadinessCheck> checks,
            List<AutoCloseable> resources,
            Optional<PostgresStores> postgres,
            Optional<RedisStores> redis,
            Optional<AuditRelayProcess> relay) {
        this.relay = relay;
        this.postgres = postgres;
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
        return open(config, PostgresConfig.DEFAULT_EF_SEARCH, StatePorts.embedder());
    }

    /**
     * Like {@link #open(StoreConfig)}, with the knowledge index embedding queries with {@code embedder} and
     * pgvector searching with {@code hnsw.ef_search = efSearch}.
     *
     * @throws ConfigException    naming the variable when a URL is unusable or has no adapter yet
     * @throws AstraDeskException when a configured service cannot be reached
     */
    public static ServerStores open(StoreConfig config, int efSearch, Embedder embedder) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(embedder, "embedder");
        List<ReadinessCheck> checks = new ArrayList<>();
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            InProcessAuditBus bus = AuditPublisher.inProcess();
            DialogueStore dialogues;
            AuditLog auditLog;
            RunJournal journal;
            KnowledgeIndex knowledge;
            Optional<PostgresStores> database = Optional.empty();
            if (config.databaseUrl().isPresent()) {
                PostgresStores pg = PostgresStores.open(parse(
                        "DATABASE_URL",
                        () -> PostgresConfig.of(config.databaseUrl().get().toString())
                                .withHnswEfSearch(efSearch)));
                resources.add(pg);
                checks.add(check("database", pg::ping));
                dialogues = pg.dialogues();
                auditLog = pg.auditLog();
                journal = pg.runJournal(bus);
                knowledge = pg.knowledgeIndex(embedder);
                database = Optional.of(pg);
                LOG.info("state: PostgreSQL (dialogues, audit log, run journal with outbox, knowledge, approvals)");
            } else {
                dialogues = DialogueStore.inMemory();
                auditLog = AuditLog.inMemory();
                journal = RunJournal.inMemory(dialogues, auditLog, bus);
                knowledge = KnowledgeIndex.inMemory(embedder);
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
            Optional<AuditRelayProcess> relay = Optional.empty();
            if (config.natsUrl().isPresent()) {
                NatsAuditConfig nats = config.nats().orElseThrow();
                AuditRelayProcess process = config.databaseUrl().isPresent()
                        ? AuditRelayProcess.start(
                                PostgresConfig.of(config.databaseUrl().get().toString()), nats)
                        : AuditRelayProcess.startInMemory(bus, nats);
                resources.add(process);
                checks.add(check("nats", () -> {
                    if (!process.natsConnected()) {
                        throw new AstraDeskException("NATS is not connected; audit events wait in the outbox");
                    }
                }));
                relay = Optional.of(process);
                LOG.info("audit: outbox relayed to NATS JetStream");
            }
            StatePorts ports = new StatePorts(dialogues, auditLog, bus, journal, locks, knowledge);
            return new ServerStores(ports, checks, resources, database, shared, relay);
        } catch (RuntimeException e) {
            closeAll(resources);
            throw e;
        }
    }

    /** The opened ports. */
    public StatePorts ports() {
        return ports;
    }

    /** The PostgreSQL stores when {@code DATABASE_URL} is set (tool backends may keep tables there too). */
    public Optional<PostgresStores> postgres() {
        return postgres;
    }

    /** The Redis stores when {@code REDIS_URL} is set (rate limits and idempotency records live there too). */
    public Optional<RedisStores> redis() {
        return redis;
    }

    /**
     * Audit events waiting in the outbox for NATS ({@code astradesk_audit_outbox_backlog}); 0 without
     * {@code NATS_URL}, where events go only to the in-process bus.
     */
    public long auditBacklog() {
        return relay.map(AuditRelayProcess::backlog).orElse(0L);
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
