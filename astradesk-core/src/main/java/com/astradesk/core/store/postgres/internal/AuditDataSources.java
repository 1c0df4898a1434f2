package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** A small HikariCP pool for the audit relay and the chain verifier (they run beside, not inside, the stores). */
public final class AuditDataSources {
    private AuditDataSources() {}

    /**
     * A started pool of at most {@code size} connections.
     *
     * @throws StoreUnavailableException naming the URL (never the password) when the database does not answer
     */
    public static HikariDataSource create(PostgresConfig config, String poolName, int size) {
        HikariConfig hc = new HikariConfig();
        hc.setPoolName(poolName);
        hc.setJdbcUrl(config.jdbcUrl());
        hc.setUsername(config.user());
        if (!config.password().isEmpty()) {
            hc.setPassword(config.password());
        }
        hc.setMaximumPoolSize(size);
        hc.setMinimumIdle(1);
        long timeoutMs = config.connectionTimeout().toMillis();
        hc.setConnectionTimeout(timeoutMs);
        hc.setInitializationFailTimeout(timeoutMs);
        hc.addDataSourceProperty("ApplicationName", "astradesk-audit");
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
