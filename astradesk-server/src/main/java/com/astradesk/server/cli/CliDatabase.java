package com.astradesk.server.cli;

import com.astradesk.core.StoreException;
import com.astradesk.core.config.ConfigException;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.server.config.AstraDeskConfig;
import picocli.CommandLine.Model.CommandSpec;

/** What the database commands share: reading {@code DATABASE_URL} and reporting a store failure. Stateless. */
final class CliDatabase {
    private CliDatabase() {}

    /**
     * The PostgreSQL settings of {@code DATABASE_URL}.
     *
     * @throws ConfigException naming {@code DATABASE_URL} when it is unset (with {@code embeddedNote}) or unusable
     */
    static PostgresConfig require(AstraDeskConfig config, String command, String embeddedNote) {
        var url = config.store()
                .databaseUrl()
                .orElseThrow(() -> new ConfigException(
                        "DATABASE_URL",
                        command + " needs DATABASE_URL (e.g. postgres://user:password@host:5432/astradesk); "
                                + embeddedNote));
        try {
            return PostgresConfig.of(url.toString())
                    .withHnswEfSearch(config.knowledge().hnswEfSearch());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("DATABASE_URL", "DATABASE_URL: " + e.getMessage());
        }
    }

    /** Prints a store failure (no stack trace, no credentials) and returns exit code 1. */
    static int fail(CommandSpec spec, String command, StoreException e) {
        spec.commandLine().getErr().println("astradesk " + command + ": " + e.getMessage());
        spec.commandLine().getErr().flush();
        return 1;
    }
}
