package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.coordination.WorkItem;
import com.astradesk.core.coordination.WorkLease;
import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.coordination.WorkState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link WorkQueue} must do; extended by the in-memory test and each adapter's IT. */
public abstract class AbstractWorkQueueContractTest {
    private static final Duration TTL = Duration.ofMinutes(1);
    private static final Duration LEASE = Duration.ofSeconds(30);

    private WorkQueue queue;

    /** A queue of its own for each test (nothing left over from another test). */
    protected abstract WorkQueue newQueue();

    @BeforeEach
    void freshQueue() {
        queue = newQueue();
    }

    @Test
    void should_hand_out_queued_items_oldest_first_and_each_once() {
        // given
        String first = id("run");
        String second = id("run");
        assertThat(queue.submit("ops", first, "payload ż 🚀", TTL)).isTrue();
        assertThat(queue.submit("support", second, "{\"b\":2}", TTL)).isTrue();

        // when
        Optional<WorkLease> a = queue.take(LEASE, 3);
        Optional<WorkLease> b = queue.take(LEASE, 3);
        Optional<WorkLease> none = queue.take(LEASE, 3);

        // then
        assertThat(a).get().satisfies(l -> {
            assertThat(l.agent()).isEqualTo("ops");
            assertThat(l.id()).isEqualTo(first);
            assertThat(l.payload()).isEqualTo("payload ż 🚀");
            assertThat(l.attempt()).isEqualTo(1);
        });
        assertThat(b).get().extracting(WorkLease::id).isEqualTo(second);
        assertThat(none).isEmpty();
        assertThat(queue.find(first)).get().extracting(WorkItem::state).isEqualTo(WorkState.RUNNING);
    }

    @Test
    void should_refuse_a_second_item_with_the_same_id() {
        String id = id("run");
        assertThat(queue.submit("ops", id, "first", TTL)).isTrue();

        assertThat(queue.submit("ops", id, "second", TTL)).isFalse();
        assertThat(queue.find(id)).get().extracting(WorkItem::payload).isEqualTo("first");
    }

    @Test
    void should_report_queued_then_running_then_done_with_the_result() {
        // given
        String id = id("run");
        queue.submit("ops", id, "p", TTL);
        assertThat(queue.find(id)).get().extracting(WorkItem::state).isEqualTo(WorkState.QUEUED);
        WorkLease lease = queue.take(LEASE, 3).orElseThrow();

        // when
        boolean finished = queue.finish(lease, WorkState.DONE, "{\"ok\":true}", TTL);

        // then
        assertThat(finished).isTrue();
        assertThat(queue.find(id)).get().satisfies(item -> {
            assertThat(item.state()).isEqualTo(WorkState.DONE);
            assertThat(item.result()).contains("{\"ok\":true}");
            assertThat(item.attempts()).isEqualTo(1);
            assertThat(item.agent()).isEqualTo("ops");
        });
        assertThat(queue.take(LEASE, 3)).isEmpty();
        assertThat(queue.find(id("missing"))).isEmpty();
    }

    @Test
    void should_redeliver_an_item_whose_lease_expired_and_refuse_the_old_holder() throws Exception {
        // given: a worker took it and died (never renewed); its lease is long enough to outlast a stall of the
        // machine between two calls, so "taken under a live lease" never sees an expired one
        String id = id("run");
        queue.submit("ops", id, "p", TTL);
        WorkLease dead = queue.take(Duration.ofSeconds(2), 3).orElseThrow();
        assertThat(queue.take(LEASE, 3)).as("taken under a live lease").isEmpty();

        // when: the lease runs out
        WorkLease second = awaitTake(Duration.ofSeconds(30));

        // then
        assertThat(second.id()).isEqualTo(id);
        assertThat(second.attempt()).isEqualTo(2);
        assertThat(second.token()).isNotEqualTo(dead.token());
        assertThat(queue.renew(dead, LEASE)).isFalse();
        assertThat(queue.finish(dead, WorkState.DONE, "stale", TTL)).isFalse();
        assertThat(queue.finish(second, WorkState.DONE, "fresh", TTL)).isTrue();
        assertThat(queue.find(id).orElseThrow().result()).contains("fresh");
    }

    @Test
    void should_keep_a_renewed_lease_from_being_redelivered() throws Exception {
        // given: a lease renewed well within its time (2 s), for longer
        String id = id("run");
        queue.submit("ops", id, "p", TTL);
        WorkLease lease = queue.take(Duration.ofSeconds(2), 3).orElseThrow();
        long taken = System.nanoTime(); // the first lease ends at most 2 s from here
        assertThat(queue.renew(lease, LEASE)).isTrue();

        // when: the first lease's time has surely passed
        Thread.sleep(Math.max(
                0,
                Duration.ofMillis(2_500).minusNanos(System.nanoTime() - taken).toMillis()));

        // then
        assertThat(queue.take(LEASE, 3)).isEmpty();
    }

    @Test
    void should_fail_an_item_that_ran_out_of_attempts() throws Exception {
        String id = id("run");
        queue.submit("ops", id, "p", TTL);
        queue.take(Duration.ofMillis(100), 1).orElseThrow();
        Thread.sleep(300);

        assertThat(queue.take(LEASE, 1)).isEmpty();
        assertThat(queue.find(id)).get().extracting(WorkItem::state).isEqualTo(WorkState.FAILED);
    }

    @Test
    void should_drop_an_item_when_its_ttl_passes() throws Exception {
        String id = id("run");
        queue.submit("ops", id, "short-lived", Duration.ofMillis(100));

        Thread.sleep(300);

        assertThat(queue.find(id)).isEmpty();
        assertThat(queue.take(LEASE, 3)).isEmpty();
    }

    @Test
    void should_hand_each_item_to_exactly_one_of_many_concurrent_takers() throws Exception {
        // given
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            ids.add(id("run"));
            queue.submit("ops", ids.get(i), "p" + i, TTL);
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            // when
            List<Future<List<String>>> takers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                takers.add(pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (Optional<WorkLease> l = queue.take(LEASE, 3); l.isPresent(); l = queue.take(LEASE, 3)) {
                        mine.add(l.get().id());
                    }
                    return mine;
                }));
            }
            List<String> taken = new ArrayList<>();
            for (Future<List<String>> f : takers) {
                taken.addAll(f.get());
            }

            // then
            assertThat(taken).containsExactlyInAnyOrderElementsOf(ids);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_reject_non_positive_durations_and_unfinished_states() {
        assertThatThrownBy(() -> queue.submit("ops", id("q"), "x", Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ttl");
        queue.submit("ops", id("q"), "x", TTL);
        WorkLease lease = queue.take(LEASE, 3).orElseThrow();
        assertThatThrownBy(() -> queue.finish(lease, WorkState.RUNNING, "x", TTL))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("state");
    }

    /** Takes an item as soon as one is due, failing after {@code deadline}. */
    private WorkLease awaitTake(Duration deadline) throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        while (System.nanoTime() < until) {
            Optional<WorkLease> lease = queue.take(LEASE, 3);
            if (lease.isPresent()) {
                return lease.get();
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no item handed out within " + deadline);
    }
}
