package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Builds the HikariCP pool for a {@link PostgresConfig}. */
final class DataSources {
    private DataSources() {}

    /**
     * A started pool; fails fast when the database does not answer within the connection timeout.
     *
     * @throws StoreUnavailableException naming the URL (never the password)
     */
    static HikariDataSource create(PostgresConfig config, String poolName) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl(config.jdbcUrl());
        hc.setUsername(config.user());
        if (!config.password().isEmpty()) {
            hc.setPassword(config.password());
        }
        hc.setMaximumPoolSize(config.maxPoolSize());
        hc.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        long timeoutMs = config.connectionTimeout().toMillis();
        hc.setConnectionTimeout(timeoutMs);
        hc.setValidationTimeout(Math.min(timeoutMs, 5_000));
        hc.setInitializationFailTimeout(timeoutMs);
        hc.addDataSourceProperty("connectTimeout", Math.max(1, timeoutMs / 1000));
        hc.addDataSourceProperty("ApplicationName", "astradesk");
        // batched inserts (run journal, audit records, outbox, knowledge chunks) go as multi-row INSERTs
        hc.addDataSourceProperty("reWriteBatchedInserts", true);
        try {
            return new HikariDataSource(hc);
        } catch (RuntimeException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new StoreUnavailableException(
                    PostgresStores.NAME,
                    "cannot connect to " + config.jdbcUrl() + " as " + config.user() + ": " + cause.getMessage(),
                    e);
        }
    }
}
