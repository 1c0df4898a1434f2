package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.store.postgres.PostgresConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/**
 * A Jdbi for the audit relay and the chain verifier, over either a small pool of their own (closed with this)
 * or a data source someone else owns (left open). Thread-safe.
 *
 * @param jdbi    the Jdbi
 * @param ownPool the pool this object opened, if any
 */
public record AuditJdbi(Jdbi jdbi, Optional<HikariDataSource> ownPool) implements AutoCloseable {

    /**
     * Opens a pool of {@code size} connections on {@code config}; never migrates.
     *
     * @throws com.astradesk.core.StoreUnavailableException when the database does not answer
     */
    public static AuditJdbi open(PostgresConfig config, String poolName, int size) {
        HikariDataSource pool = AuditDataSources.create(config, poolName, size);
        return new AuditJdbi(Jdbi.create(pool), Optional.of(pool));
    }

    /** Over a data source owned elsewhere (the schema must be migrated). */
    public static AuditJdbi over(DataSource dataSource) {
        return new AuditJdbi(Jdbi.create(Objects.requireNonNull(dataSource, "dataSource")), Optional.empty());
    }

    /** Closes the pool when this object opened it. Idempotent. */
    @Override
    public void close() {
        ownPool.ifPresent(HikariDataSource::close);
    }
}
