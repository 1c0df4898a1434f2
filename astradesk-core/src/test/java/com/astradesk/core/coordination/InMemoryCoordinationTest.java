package com.astradesk.core.coordination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class InMemoryCoordinationTest {
    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();

    @Test
    void should_give_a_lock_to_one_holder_at_a_time() {
        // given
        LockService locks = LockService.inMemory(clock);

        // when
        var first = locks.tryAcquire("restart:webapp", Duration.ofSeconds(30));
        var second = locks.tryAcquire("restart:webapp", Duration.ofSeconds(30));
        var other = locks.tryAcquire("restart:database", Duration.ofSeconds(30));

        // then
        assertThat(first).isPresent();
        assertThat(second).isEmpty();
        assertThat(other).isPresent();
        first.get().close();
        assertThat(locks.tryAcquire("restart:webapp", Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void should_let_an_expired_lock_be_taken_and_not_let_the_old_holder_release_it() {
        // given
        LockService locks = LockService.inMemory(clock);
        LockHandle stale =
                locks.tryAcquire("restart:webapp", Duration.ofSeconds(5)).orElseThrow();

        // when
        clock.advance(Duration.ofSeconds(6));
        LockHandle fresh =
                locks.tryAcquire("restart:webapp", Duration.ofSeconds(30)).orElseThrow();
        stale.close();

        // then
        assertThat(locks.tryAcquire("restart:webapp", Duration.ofSeconds(30))).isEmpty();
        fresh.close();
        assertThat(locks.tryAcquire("restart:webapp", Duration.ofSeconds(30))).isPresent();
    }

    @Test
    void should_refuse_a_non_positive_lock_ttl() {
        assertThatThrownBy(() -> LockService.inMemory(clock).tryAcquire("x", Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
    }
}
