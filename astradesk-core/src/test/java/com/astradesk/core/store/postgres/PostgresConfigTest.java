package com.astradesk.core.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostgresConfigTest {

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "postgres://app:p%40ss@db.internal:6543/astradesk | jdbc:postgresql://db.internal:6543/astradesk | app | p@ss",
                "postgresql://db.internal/astradesk?sslmode=require | jdbc:postgresql://db.internal:5432/astradesk?sslmode=require | postgres | ''",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&password=x&ApplicationName=a | jdbc:postgresql://127.0.0.1:5432/test?ApplicationName=a | postgres | x",
                "postgres://u@localhost | jdbc:postgresql://localhost:5432/postgres | u | ''",
            })
    void should_parse_database_urls_into_a_jdbc_url_and_credentials(
            String url, String jdbc, String user, String password) {
        PostgresConfig config = PostgresConfig.of(url);

        assertThat(config.jdbcUrl()).isEqualTo(jdbc);
        assertThat(config.user()).isEqualTo(user);
        assertThat(config.password()).isEqualTo(password);
        assertThat(config.migrateOnStart()).isTrue();
        assertThat(config.hnswEfSearch()).isEqualTo(PostgresConfig.DEFAULT_EF_SEARCH);
    }

    @Test
    void should_never_show_the_password_in_its_string_form() {
        PostgresConfig config = PostgresConfig.of("postgres://app:hunter2@db:5432/astradesk");

        assertThat(config.toString()).doesNotContain("hunter2").contains("password=***");
    }

    @Test
    void should_reject_a_non_postgres_url_without_echoing_its_password() {
        assertThatThrownBy(() -> PostgresConfig.of("mysql://root:hunter2@db/x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a PostgreSQL URL")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void should_reject_out_of_range_settings_naming_them() {
        PostgresConfig config = PostgresConfig.of("postgres://db/x");

        assertThatThrownBy(() -> config.withMaxPoolSize(0)).hasMessageContaining("maxPoolSize");
        assertThatThrownBy(() -> config.withConnectionTimeout(Duration.ofMillis(10)))
                .hasMessageContaining("connectionTimeout");
        assertThatThrownBy(() -> config.withHnswEfSearch(5000)).hasMessageContaining("hnswEfSearch");
    }

    @Test
    void should_name_the_database() {
        assertThat(PostgresConfig.of("postgres://db:5432/astradesk?sslmode=require")
                        .databaseName())
                .contains("astradesk");
    }
}
