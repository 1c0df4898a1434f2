package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.store.postgres.PostgresConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the versioned migrations shipped in the jar ({@code classpath:db/migration/astradesk}) with Flyway.
 * The history lives in {@code astradesk_schema_history} so it never collides with an application's own Flyway.
 */
public final class Migrations {
    /** Where the migrations live on the classpath. */
    public static final String LOCATION = "classpath:db/migration/astradesk";
    /** Flyway's history table. */
    public static final String HISTORY_TABLE = "astradesk_schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    private Migrations() {}

    /**
     * Connects, migrates and disconnects; returns the number of migrations applied. Uses its own two connections
     * (Flyway holds its lock on one and migrates on the other).
     */
    public static int migrate(PostgresConfig config) {
        try (HikariDataSource ds = DataSources.create(config.withMaxPoolSize(2), "astradesk-migrate")) {
            return migrate(ds);
        }
    }

    /** Migrates through an open data source; returns the number of migrations applied. */
    private static int migrate(DataSource dataSource) {
        try {
            Flyway flyway = Flyway.configure(Migrations.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations(LOCATION)
                    .table(HISTORY_TABLE)
                    .baselineOnMigrate(true)
                    .baselineVersion("0")
                    .load();
            int applied = flyway.migrate().migrationsExecuted;
            LOG.info("database schema current ({} migration(s) applied)", applied);
            return applied;
        } catch (FlywayException e) {
            throw PgErrors.translate("schema migration", e);
        }
    }
}
