package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.approval.ApprovalStore;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPublisher;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.postgres.RunJournalStats;
import com.pgvector.PGvector;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.argument.AbstractArgumentFactory;
import org.jdbi.v3.core.argument.Argument;
import org.jdbi.v3.core.config.ConfigRegistry;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.postgres.PostgresPlugin;

/** {@link PostgresStores} over one HikariCP pool and one Jdbi. Thread-safe. */
public final class DefaultPostgresStores implements PostgresStores {
    /** Most runs the journal writes in one transaction. */
    static final int MAX_BATCH = 256;

    private final PostgresConfig config;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final DialogueStore dialogues;
    private final AuditLog auditLog;
    private final ApprovalStore approvals;
    private final GroupCommitWriter journalWriter;

    private DefaultPostgresStores(PostgresConfig config, HikariDataSource dataSource) {
        this.config = config;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource).installPlugin(new PostgresPlugin());
        jdbi.registerArgument(new PgVectorArgumentFactory());
        this.dialogues = new PostgresDialogueStore(jdbi);
        this.auditLog = new PostgresAuditLog(jdbi);
        this.approvals = new PostgresApprovalStore(jdbi);
        this.journalWriter = new GroupCommitWriter(jdbi, MAX_BATCH, 4 * MAX_BATCH, config.connectionTimeout());
    }

    /** Connects, and migrates when configured to. */
    public static PostgresStores open(PostgresConfig config) {
        Objects.requireNonNull(config, "config");
        if (config.migrateOnStart()) {
            Migrations.migrate(config);
        }
        return new DefaultPostgresStores(config, DataSources.create(config, "astradesk-postgres"));
    }

    @Override
    public DialogueStore dialogues() {
        return dialogues;
    }

    @Override
    public AuditLog auditLog() {
        return auditLog;
    }

    @Override
    public RunJournal runJournal() {
        return new GroupCommitRunJournal(journalWriter, Optional.empty());
    }

    @Override
    public RunJournal runJournal(AuditPublisher afterCommit) {
        return new GroupCommitRunJournal(
                journalWriter, Optional.of(Objects.requireNonNull(afterCommit, "afterCommit")));
    }

    @Override
    public RunJournalStats runJournalStats() {
        return journalWriter.stats();
    }

    @Override
    public KnowledgeIndex knowledgeIndex(Embedder embedder) {
        return new PgVectorKnowledgeIndex(jdbi, embedder, config.hnswEfSearch());
    }

    @Override
    public ApprovalStore approvals() {
        return approvals;
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void ping() {
        if (dataSource.isClosed()) {
            throw new StoreUnavailableException(NAME, "store is closed", null);
        }
        try {
            jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
        } catch (JdbiException e) {
            throw PgErrors.translate("ping of " + config.jdbcUrl(), e);
        }
    }

    @Override
    public void close() {
        journalWriter.close();
        dataSource.close();
    }

    /** Binds {@link PGvector} values as the {@code vector} type. */
    private static final class PgVectorArgumentFactory extends AbstractArgumentFactory<PGvector> {
        PgVectorArgumentFactory() {
            super(Types.OTHER);
        }

        @Override
        protected Argument build(PGvector value, ConfigRegistry config) {
            return new VectorArgument(value);
        }
    }

    /**
     * A bound vector. It describes itself by its dimension: Jdbi describes every bound argument for its error
     * messages, and without a {@code toString} of the argument it renders the value, here 384 floats as text.
     */
    private static final class VectorArgument implements Argument {
        private final PGvector value;

        VectorArgument(PGvector value) {
            this.value = value;
        }

        @Override
        public void apply(int position, PreparedStatement statement, StatementContext ctx) throws SQLException {
            statement.setObject(position, value);
        }

        @Override
        public String toString() {
            float[] v = value.toArray();
            return v == null ? "vector(null)" : "vector(" + v.length + ")";
        }
    }
}
