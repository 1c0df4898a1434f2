package com.astradesk.core.store.testing;

import com.astradesk.core.store.postgres.PostgresConfig;

/**
 * A private PostgreSQL database for one test class; dropped on close.
 *
 * @param name   the database name
 * @param config settings pointing at it (migrate on start)
 */
public record TestDatabase(String name, PostgresConfig config) implements AutoCloseable {
    @Override
    public void close() {
        TestServices.dropDatabase(name);
    }
}
