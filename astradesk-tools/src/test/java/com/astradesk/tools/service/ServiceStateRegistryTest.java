package com.astradesk.tools.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.tools.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceStateRegistryTest {
    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final ServiceStateRegistry registry = ServiceStateRegistry.create(ServiceCatalog.defaults(), clock);

    @Test
    void should_track_every_catalog_service_from_creation() {
        // when
        ServiceState state = registry.state("search-service").orElseThrow();

        // then
        assertThat(state.trackedSince()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
        assertThat(state.lastRestart()).isEmpty();
        assertThat(state.restartCount()).isZero();
        assertThat(registry.state("mainframe")).isEmpty();
    }

    @Test
    void should_record_restarts_and_reset_uptime() {
        // given
        clock.advance(Duration.ofHours(1));

        // when
        registry.recordRestart("webapp");
        clock.advance(Duration.ofMinutes(10));
        ServiceState state = registry.state("webapp").orElseThrow();

        // then
        assertThat(state.restartCount()).isEqualTo(1);
        assertThat(state.uptime(clock.instant())).isEqualTo(Duration.ofMinutes(10));
        assertThat(state.restartsBetween(clock.instant().minus(Duration.ofMinutes(5)), clock.instant()))
                .isZero();
        assertThat(state.restartsBetween(clock.instant().minus(Duration.ofMinutes(15)), clock.instant()))
                .isEqualTo(1);
    }

    @Test
    void should_keep_a_bounded_history_but_an_exact_count() {
        // when
        for (int i = 0; i < ServiceStateRegistry.MAX_RECENT_RESTARTS + 5; i++) {
            registry.recordRestart("database");
            clock.advance(Duration.ofSeconds(1));
        }
        ServiceState state = registry.state("database").orElseThrow();

        // then
        assertThat(state.restartCount()).isEqualTo(ServiceStateRegistry.MAX_RECENT_RESTARTS + 5);
        assertThat(state.recentRestarts()).hasSize(ServiceStateRegistry.MAX_RECENT_RESTARTS);
    }

    @Test
    void should_refuse_to_record_an_unknown_service() {
        assertThatThrownBy(() -> registry.recordRestart("mainframe"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mainframe");
    }
}
