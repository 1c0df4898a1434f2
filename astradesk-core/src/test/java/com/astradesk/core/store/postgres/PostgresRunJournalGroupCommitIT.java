package com.astradesk.core.store.postgres;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.dialogue;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Many concurrent callers of the default (group-commit) run journal. */
class PostgresRunJournalGroupCommitIT {
    private static final int THREADS = 32;
    private static final int RUNS_PER_THREAD = 50;
    private static TestDatabase db;
    private static PostgresStores stores;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("groupcommit");
        stores = PostgresStores.open(db.config().withMaxPoolSize(4));
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    @Test
    void should_store_every_concurrent_run_in_one_unbroken_chain_using_batches() throws Exception {
        // given
        RunJournal journal = stores.runJournal();
        Map<String, List<AuditRecord>> storedByRun = new ConcurrentHashMap<>();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);

        // when
        List<Future<?>> done = IntStream.range(0, THREADS)
                .<Future<?>>mapToObj(t -> pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < RUNS_PER_THREAD; i++) {
                        String run = id("run");
                        storedByRun.put(
                                run,
                                journal.record(
                                        dialogue(run, "user-" + t, Instant.parse("2026-11-26T12:00:00Z")),
                                        List.of(audit(run, "agents.run"), audit(run, "get_metrics"))));
                    }
                    return null;
                }))
                .toList();
        start.countDown();
        for (Future<?> f : done) {
            f.get(2, TimeUnit.MINUTES);
        }
        pool.shutdown();

        // then
        assertThat(storedByRun).hasSize(THREADS * RUNS_PER_THREAD);
        storedByRun.forEach((run, stored) -> {
            assertThat(stores.dialogues().findByRunId(run)).isPresent();
            assertThat(stored).hasSize(2);
        });
        List<AuditRecord> table = stores.auditLog().recent(Integer.MAX_VALUE);
        assertThat(table).hasSize(THREADS * RUNS_PER_THREAD * 2);
        assertThat(AuditChain.firstBrokenLink(Optional.empty(), table)).isEmpty();
        assertThat(table.stream().map(AuditRecord::prevHash).distinct()).hasSize(table.size());
        for (AuditRecord r : table) {
            assertThat(storedByRun.get(r.runId().orElseThrow())).contains(r);
        }
        RunJournalStats stats = stores.runJournalStats();
        assertThat(stats.runs()).isEqualTo(THREADS * RUNS_PER_THREAD);
        assertThat(stats.failedRuns()).isZero();
        assertThat(stats.largestBatch()).isGreaterThan(1);
        assertThat(stats.batches()).isLessThan(stats.runs());
    }
}
