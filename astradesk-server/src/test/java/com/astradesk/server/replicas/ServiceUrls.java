package com.astradesk.server.replicas;

import com.astradesk.core.store.postgres.PostgresConfig;

/** The environment values that point a server at the test services. */
public final class ServiceUrls {
    private ServiceUrls() {}

    /** {@code DATABASE_URL} for a test database. */
    public static String databaseUrl(PostgresConfig config) {
        String sep = config.jdbcUrl().contains("?") ? "&" : "?";
        String url = config.jdbcUrl() + sep + "user=" + config.user();
        return config.password().isEmpty() ? url : url + "&password=" + config.password();
    }
}
