package com.astradesk.core.store.postgres.internal;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.dialogue;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * Throughput of the per-run journal vs the group-commit journal (taking the chain lock for every batch, and
 * remembering the tail so a batch is one statement): 64 threads record runs (dialogue + 2 audit
 * records) for a fixed time each, same database, same pool, one JVM. Opt-in (it takes ~30 s):
 * {@code ASTRADESK_BENCH=1 ./mvnw -B -ntp -pl astradesk-core -am verify -Dit.test=GroupCommitThroughputIT
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}. Prints one line per journal.
 */
@EnabledIfEnvironmentVariable(named = "ASTRADESK_BENCH", matches = "1")
class GroupCommitThroughputIT {
    private static final int THREADS = 64;
    private static final Duration WARMUP = Duration.ofSeconds(3);
    private static final Duration MEASURE = Duration.ofSeconds(10);

    @Test
    void should_record_more_runs_per_second_with_group_commit_than_one_transaction_per_run() throws Exception {
        try (TestDatabase db = TestServices.createDatabase("gcbench")) {
            PostgresStores.migrate(db.config());
            try (HikariDataSource pool = DataSources.create(db.config(), "gcbench")) {
                Jdbi jdbi = Jdbi.create(pool).installPlugin(new PostgresPlugin());
                double perRun = measure("per-run transaction", new PostgresRunJournal(jdbi, Optional.empty()));
                double locked;
                try (GroupCommitWriter writer = new GroupCommitWriter(jdbi, 256, 1024, Duration.ofSeconds(5), false)) {
                    locked = measure("group, lock per batch", new GroupCommitRunJournal(writer, Optional.empty()));
                }
                double grouped;
                try (GroupCommitWriter writer = new GroupCommitWriter(jdbi, 256, 1024, Duration.ofSeconds(5))) {
                    grouped = measure("group, known tail", new GroupCommitRunJournal(writer, Optional.empty()));
                    System.out.printf(
                            "group commit: %d batches, %d runs, largest %d, average %.1f runs/batch%n",
                            writer.stats().batches(),
                            writer.stats().runs(),
                            writer.stats().largestBatch(),
                            writer.stats().averageBatchSize());
                }
                System.out.printf(
                        "speed-up over per-run: lock per batch %.1fx, known tail %.1fx (%.2fx over lock per batch)%n",
                        locked / perRun, grouped / perRun, grouped / locked);
                try (PostgresStores stores = PostgresStores.open(db.config().withMigrateOnStart(false))) {
                    assertThat(AuditChain.firstBrokenLink(
                                    Optional.empty(), stores.auditLog().recent(Integer.MAX_VALUE)))
                            .isEmpty();
                }
                assertThat(grouped).isGreaterThan(perRun);
                assertThat(locked).isGreaterThan(perRun);
            }
        }
    }

    private static double measure(String name, RunJournal journal) throws Exception {
        run(journal, WARMUP);
        long runs = run(journal, MEASURE);
        double perSecond = runs / (MEASURE.toMillis() / 1000.0);
        System.out.printf("%-20s %d threads: %d runs in %s = %.0f runs/s%n", name, THREADS, runs, MEASURE, perSecond);
        return perSecond;
    }

    private static long run(RunJournal journal, Duration duration) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        LongAdder done = new LongAdder();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            workers.add(pool.submit(() -> {
                while (!stop.get()) {
                    String run = id("run");
                    journal.record(
                            dialogue(run, "bench", Instant.parse("2026-11-26T12:00:00Z")),
                            List.of(audit(run, "agents.run"), audit(run, "get_metrics")));
                    done.increment();
                }
                return null;
            }));
        }
        Thread.sleep(duration.toMillis());
        long count = done.sum();
        stop.set(true);
        for (Future<?> w : workers) {
            w.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        return count;
    }
}
