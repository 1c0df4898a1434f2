package com.astradesk.core.store.testing;

import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.redis.RedisConfig;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/**
 * Where the integration tests find the real services, and a private database per test class. Settings come
 * from system properties, then environment variables, then loopback defaults:
 * <ul>
 *   <li>{@code astradesk.test.postgres.url} / {@code ASTRADESK_TEST_POSTGRES_URL}: an administrative URL
 *       (default {@code jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres});</li>
 *   <li>{@code astradesk.test.redis.url} / {@code ASTRADESK_TEST_REDIS_URL} (default
 *       {@code redis://127.0.0.1:6379/15}).</li>
 * </ul>
 * A missing service fails the test loudly; nothing is skipped.
 */
public final class TestServices {
    private TestServices() {}

    /** The administrative PostgreSQL settings (a database the tests never write to). */
    public static PostgresConfig postgresAdmin() {
        return PostgresConfig.of(setting(
                "astradesk.test.postgres.url",
                "ASTRADESK_TEST_POSTGRES_URL",
                "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres"));
    }

    /** The Redis the tests use. */
    public static RedisConfig redis() {
        return RedisConfig.of(
                setting("astradesk.test.redis.url", "ASTRADESK_TEST_REDIS_URL", "redis://127.0.0.1:6379/15"));
    }

    /**
     * Creates an empty database {@code astradesk_test_<label>_<random>} with the {@code vector} extension.
     *
     * @throws IllegalStateException naming the URL when PostgreSQL cannot be reached or pgvector is missing
     */
    public static TestDatabase createDatabase(String label) {
        PostgresConfig admin = postgresAdmin();
        String name = "astradesk_test_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + "_"
                + UUID.randomUUID().toString().substring(0, 8);
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot create test database on " + admin.jdbcUrl() + " (run scripts/ensure-services.sh): "
                            + e.getMessage(),
                    e);
        }
        PostgresConfig config = withDatabase(admin, name);
        try (Connection c = DriverManager.getConnection(config.jdbcUrl(), config.user(), config.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE EXTENSION IF NOT EXISTS vector");
        } catch (SQLException e) {
            dropDatabase(name);
            throw new IllegalStateException(
                    "pgvector is not installed (run scripts/ensure-services.sh): " + e.getMessage(), e);
        }
        return new TestDatabase(name, config);
    }

    static void dropDatabase(String name) {
        PostgresConfig admin = postgresAdmin();
        try (Connection c = DriverManager.getConnection(admin.jdbcUrl(), admin.user(), admin.password());
                Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name + ": " + e.getMessage(), e);
        }
    }

    private static PostgresConfig withDatabase(PostgresConfig admin, String db) {
        String url = admin.jdbcUrl();
        String afterHost = url.substring("jdbc:postgresql://".length());
        int slash = afterHost.indexOf('/');
        int q = afterHost.indexOf('?');
        String hostPort = slash < 0 ? (q < 0 ? afterHost : afterHost.substring(0, q)) : afterHost.substring(0, slash);
        String query = q < 0 ? "" : afterHost.substring(q);
        return new PostgresConfig(
                "jdbc:postgresql://" + hostPort + "/" + db + query,
                admin.user(),
                admin.password(),
                4,
                admin.connectionTimeout(),
                true,
                admin.hnswEfSearch());
    }

    private static String setting(String property, String env, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) {
            v = System.getenv(env);
        }
        return v == null || v.isBlank() ? fallback : v;
    }
}
