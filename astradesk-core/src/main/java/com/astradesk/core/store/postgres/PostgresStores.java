package com.astradesk.core.store.postgres;

import com.astradesk.core.StoreException;
import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.approval.ApprovalStore;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.postgres.internal.DefaultPostgresStores;
import com.astradesk.core.store.postgres.internal.Migrations;
import javax.sql.DataSource;

/**
 * The PostgreSQL-backed ports over one connection pool (HikariCP) and one Jdbi: dialogues, the hash-chained
 * audit log, the run journal (dialogue + audits + outbox in one transaction) and the pgvector knowledge index.
 * The schema comes from versioned migrations shipped in this jar ({@code db/migration/astradesk}, history in
 * table {@code astradesk_schema_history}). Thread-safe; close it to release the pool.
 *
 * <pre>{@code
 * try (PostgresStores stores = PostgresStores.open(PostgresConfig.of(System.getenv("DATABASE_URL")))) {
 *     RunJournal journal = stores.runJournal(AuditPublisher.inProcess());
 *     KnowledgeIndex kb = stores.knowledgeIndex(embedder);
 * }
 * }</pre>
 */
public interface PostgresStores extends AutoCloseable {

    /** The store's name in errors and readiness reports. */
    String NAME = "postgres";

    /**
     * Connects (and migrates when {@link PostgresConfig#migrateOnStart()}).
     *
     * @throws StoreUnavailableException when the database cannot be reached within the connection timeout
     * @throws StoreException            when a migration fails
     */
    static PostgresStores open(PostgresConfig config) {
        return DefaultPostgresStores.open(config);
    }

    /**
     * Applies pending migrations and returns how many were applied (0 when the schema is current). This is the
     * server's {@code migrate} command.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws StoreException            when a migration fails
     */
    static int migrate(PostgresConfig config) {
        return Migrations.migrate(config);
    }

    /** Dialogues in table {@code dialogues}. */
    DialogueStore dialogues();

    /**
     * The audit log in table {@code audits}. Appends from any number of processes keep one chain: the previous
     * hash is read under a transaction-scoped advisory lock.
     */
    AuditLog auditLog();

    /**
     * A run journal that writes the dialogue, the chained audit records and one outbox row per written batch (the
     * audit rows' id range). Runs
     * recorded concurrently are group-committed: one writer thread per stores writes up to 256 queued runs in one
     * transaction (one chain lock, one fsync), and each {@code record} call returns only after its run committed.
     * When a batch fails for a reason other than an unavailable database, its runs are retried one per
     * transaction, so only the run that the database rejects fails. Callers wait for room in the queue for at
     * most the {@linkplain PostgresConfig#connectionTimeout() connection timeout}, then get a {@link
     * StoreUnavailableException}.
     */
    RunJournal runJournal();

    /**
     * Like {@link #runJournal()}, and after each commit also hands the stored records to {@code afterCommit}
     * (e.g. the in-process bus when no NATS relay runs). A publisher failure is logged, never undoes the commit.
     */
    RunJournal runJournal(AuditPublisher afterCommit);

    /** The group-commit counters of the run journals of these stores (shared by all of them). */
    default RunJournalStats runJournalStats() {
        return RunJournalStats.EMPTY;
    }

    /**
     * The knowledge index in table {@code documents} (pgvector HNSW, cosine).
     *
     * @param embedder embeds queries; its dimension must match the {@code embedding} column (384)
     * @throws IllegalArgumentException when the dimensions differ
     */
    KnowledgeIndex knowledgeIndex(Embedder embedder);

    /**
     * Approvals in table {@code approvals}, shared by every process on this database: a decision is a conditional
     * update on the pending, unexpired row (the database clock decides expiry), so of two concurrent decisions on
     * any replicas exactly one wins, and an approved step is marked executed once.
     */
    ApprovalStore approvals();

    /**
     * The connection pool, for adapters that keep their own tables in this schema (e.g. the ticket backend of
     * {@code astradesk-tools}, table {@code tickets}). Closed with these stores.
     */
    DataSource dataSource();

    /**
     * Checks the database answers ({@code SELECT 1}); for readiness probes.
     *
     * @throws StoreUnavailableException naming {@value #NAME} when it does not
     */
    void ping();

    /** Writes the runs still queued in the run journal, then closes the pool. Idempotent. */
    @Override
    void close();
}
