package com.astradesk.core.store.contract;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEntry;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPage;
import com.astradesk.core.audit.AuditQuery;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.ChainStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What every {@link AuditLog} must do; extended by the in-memory test and each adapter's IT. */
public abstract class AbstractAuditLogContractTest {

    /** The log under test (one chain shared by the tests of the class; tests use unique run ids). */
    protected abstract AuditLog log();

    @Test
    void should_chain_each_append_after_the_current_tail() {
        // given
        String run = id("run");
        List<AuditRecord> first = log().append(List.of(audit(run, "agents.run"), audit(run, "get_metrics")));

        // when
        List<AuditRecord> second = log().append(List.of(audit(run, "restart_service")));

        // then
        assertThat(first.get(1).prevHash()).isEqualTo(first.get(0).hash());
        assertThat(second.get(0).prevHash()).isEqualTo(first.get(1).hash());
        assertThat(second.get(0).hash()).isPresent().isNotEqualTo(first.get(1).hash());
    }

    @Test
    void should_read_back_records_exactly_as_stored_so_the_chain_verifies() {
        // given
        String run = id("run");
        List<AuditRecord> stored = log().append(List.of(audit(run, "agents.run"), audit(run, "create_ticket")));

        // when
        List<AuditRecord> read = log().forRun(run);
        List<AuditRecord> tail = log().recent(2);

        // then
        assertThat(read).containsExactlyElementsOf(stored);
        assertThat(tail).containsExactlyElementsOf(stored);
        assertThat(AuditChain.firstBrokenLink(tail)).isEmpty();
    }

    @Test
    void should_return_at_most_limit_recent_records_newest_last() {
        // given
        String run = id("run");
        List<AuditRecord> stored = log().append(List.of(audit(run, "a1"), audit(run, "a2"), audit(run, "a3")));

        // when
        List<AuditRecord> recent = log().recent(2);

        // then
        assertThat(recent).containsExactly(stored.get(1), stored.get(2));
    }

    @Test
    void should_list_only_the_records_of_the_requested_run_in_order() {
        // given
        String run = id("run");
        String other = id("run");
        AuditRecord a = log().append(List.of(audit(run, "first"))).get(0);
        log().append(List.of(audit(other, "noise")));
        AuditRecord b = log().append(List.of(audit(run, "second"))).get(0);

        // when / then
        assertThat(log().forRun(run)).containsExactly(a, b);
        assertThat(log().forRun(id("run"))).isEmpty();
    }

    @Test
    void should_keep_one_unbroken_chain_when_appending_concurrently() throws Exception {
        // given
        int threads = 8;
        int appendsPerThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                start.await();
                for (int i = 0; i < appendsPerThread; i++) {
                    String run = id("run");
                    log().append(List.of(audit(run, "agents.run"), audit(run, "get_metrics")));
                }
                return null;
            }));
        }

        // when
        start.countDown();
        for (Future<?> f : futures) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();

        // then
        List<AuditRecord> everything = log().recent(Integer.MAX_VALUE);
        assertThat(everything).hasSizeGreaterThanOrEqualTo(threads * appendsPerThread * 2);
        assertThat(AuditChain.firstBrokenLink(everything)).isEmpty();
        assertThat(everything.stream().map(r -> r.prevHash().orElse("")).distinct())
                .hasSize(everything.size());
    }

    private static AuditRecord by(String actor, String action, AuditDecision decision, String tool, Instant ts) {
        AuditRecord base = audit(id("run"), action);
        return new AuditRecord(
                base.eventId(),
                ts,
                actor,
                base.tenant(),
                action,
                decision,
                java.util.Optional.ofNullable(tool),
                base.sideEffect(),
                base.args(),
                base.requestId(),
                base.traceId(),
                base.runId(),
                java.util.Optional.empty(),
                java.util.Optional.empty());
    }

    private static List<String> actions(AuditPage page) {
        return page.entries().stream().map(e -> e.record().action()).toList();
    }

    @Test
    void should_query_by_actor_action_decision_tool_and_time_newest_first_with_verified_chain() {
        // given
        String actor = id("actor");
        Instant t0 = Instant.parse("2026-12-01T10:00:00Z");
        log().append(List.of(
                by(actor, "agents.run", AuditDecision.ALLOWED, null, t0),
                by(actor, "restart_service", AuditDecision.DENIED, "restart_service", t0.plusSeconds(60)),
                by(id("other"), "restart_service", AuditDecision.DENIED, "restart_service", t0.plusSeconds(90)),
                by(actor, "get_metrics", AuditDecision.ALLOWED, "get_metrics", t0.plusSeconds(120))));

        // when
        AuditPage mine = log().query(AuditQuery.builder().withActor(actor).build());
        AuditPage denied = log().query(AuditQuery.builder()
                .withActor(actor)
                .withDecision(AuditDecision.DENIED)
                .build());
        AuditPage tool = log().query(AuditQuery.builder()
                .withActor(actor)
                .withTool("get_metrics")
                .build());
        AuditPage action = log().query(AuditQuery.builder()
                .withActor(actor)
                .withAction("agents.run")
                .build());
        AuditPage window = log().query(AuditQuery.builder()
                .withActor(actor)
                .withFrom(t0.plusSeconds(60))
                .withTo(t0.plusSeconds(120))
                .build());

        // then
        assertThat(actions(mine)).containsExactly("get_metrics", "restart_service", "agents.run");
        assertThat(mine.verified()).isTrue();
        assertThat(mine.entries()).extracting(AuditEntry::chain).containsOnly(ChainStatus.VERIFIED);
        assertThat(mine.next()).isEmpty();
        assertThat(actions(denied)).containsExactly("restart_service");
        assertThat(actions(tool)).containsExactly("get_metrics");
        assertThat(actions(action)).containsExactly("agents.run");
        assertThat(actions(window)).containsExactly("restart_service");
    }

    @Test
    void should_page_with_the_position_of_the_last_entry_until_no_more_match() {
        // given
        String actor = id("actor");
        Instant t0 = Instant.parse("2026-12-01T11:00:00Z");
        List<AuditRecord> batch = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            batch.add(by(actor, "a" + i, AuditDecision.ALLOWED, null, t0.plusSeconds(i)));
        }
        log().append(batch);
        AuditQuery.Builder q = AuditQuery.builder().withActor(actor).withLimit(2);

        // when
        AuditPage first = log().query(q.build());
        AuditPage second = log().query(q.withBefore(first.next().orElseThrow()).build());
        AuditPage third = log().query(q.withBefore(second.next().orElseThrow()).build());

        // then
        assertThat(actions(first)).containsExactly("a4", "a3");
        assertThat(actions(second)).containsExactly("a2", "a1");
        assertThat(actions(third)).containsExactly("a0");
        assertThat(third.next()).isEmpty();
        assertThat(first.entries().get(0).position())
                .isGreaterThan(first.entries().get(1).position());
    }

    @Test
    void should_answer_an_empty_last_page_when_nothing_matches() {
        // when
        AuditPage page =
                log().query(AuditQuery.builder().withActor(id("nobody")).build());

        // then
        assertThat(page.entries()).isEmpty();
        assertThat(page.next()).isEmpty();
        assertThat(page.verified()).isTrue();
    }
}
