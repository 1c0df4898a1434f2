package com.astradesk.core.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PostgresStoresIT {

    private static PostgresConfig unreachable() {
        return PostgresConfig.of("postgres://postgres:s3cret@127.0.0.1:1/astradesk")
                .withConnectionTimeout(Duration.ofMillis(500));
    }

    @Test
    void should_fail_to_open_with_a_store_unavailable_error_naming_postgres_when_nothing_listens() {
        assertThatThrownBy(() -> PostgresStores.open(unreachable()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageStartingWith("postgres:")
                .hasMessageContaining("127.0.0.1:1")
                .hasMessageNotContaining("s3cret")
                .satisfies(
                        e -> assertThat(((StoreUnavailableException) e).store()).isEqualTo("postgres"));
    }

    @Test
    void should_fail_to_migrate_with_a_store_unavailable_error_when_nothing_listens() {
        assertThatThrownBy(() -> PostgresStores.migrate(unreachable()))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void should_apply_the_migrations_once_and_then_report_the_schema_current() {
        try (TestDatabase db = TestServices.createDatabase("migrate")) {
            // when
            int first = PostgresStores.migrate(db.config());
            int second = PostgresStores.migrate(db.config());

            // then
            assertThat(first).isGreaterThanOrEqualTo(1);
            assertThat(second).isZero();
        }
    }

    @Test
    void should_answer_ping_while_open_and_fail_it_with_store_unavailable_once_closed() {
        try (TestDatabase db = TestServices.createDatabase("ping")) {
            PostgresStores stores = PostgresStores.open(db.config());

            // when / then
            stores.ping();
            stores.close();
            assertThatThrownBy(stores::ping)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageStartingWith("postgres:");
        }
    }

    @Test
    void should_fail_ping_with_store_unavailable_when_the_database_goes_away() {
        TestDatabase db = TestServices.createDatabase("gone");
        try (PostgresStores stores = PostgresStores.open(db.config().withConnectionTimeout(Duration.ofMillis(500)))) {
            stores.ping();

            // when: the database is dropped under the open pool (connections are terminated)
            db.close();

            // then
            assertThatThrownBy(stores::ping).isInstanceOf(StoreUnavailableException.class);
        }
    }
}
