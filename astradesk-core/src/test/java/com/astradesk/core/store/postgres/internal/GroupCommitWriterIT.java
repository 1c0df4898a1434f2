package com.astradesk.core.store.postgres.internal;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.dialogue;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.StoreException;
import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.postgres.PostgresPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The group-commit writer against real PostgreSQL. Tests that need runs to share a batch hold the chain's advisory
 * lock from another connection: the writer's current batch then waits on it while the next runs queue up.
 */
class GroupCommitWriterIT {
    private static final ExecutorService CALLERS = Executors.newCachedThreadPool();
    private static TestDatabase db;
    private static PostgresStores stores;
    private static Jdbi jdbi;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("gcwriter");
        stores = PostgresStores.open(db.config());
        jdbi = Jdbi.create(
                        db.config().jdbcUrl(), db.config().user(), db.config().password())
                .installPlugin(new PostgresPlugin());
    }

    @AfterAll
    static void close() {
        CALLERS.shutdownNow();
        stores.close();
        db.close();
    }

    @Test
    void should_fail_only_the_rejected_run_of_a_batch_and_commit_the_others() throws Exception {
        // given: a batch of three queued behind a blocked one; the middle run's query holds a NUL byte
        try (GroupCommitWriter writer = new GroupCommitWriter(jdbi, 256, 64, Duration.ofSeconds(5));
                Connection locker = holdChainLock()) {
            CompletableFuture<List<AuditRecord>> blocked = submit(writer, good(id("run")));
            awaitTrue(() -> chainLockWaiters() == 1);
            DialogueRecord ok1 = good(id("run"));
            DialogueRecord bad = withQuery(good(id("run")), "reset \u0000 password");
            DialogueRecord ok2 = good(id("run"));
            CompletableFuture<List<AuditRecord>> first = submit(writer, ok1);
            awaitTrue(() -> writer.queued() == 1);
            CompletableFuture<List<AuditRecord>> rejected = submit(writer, bad);
            awaitTrue(() -> writer.queued() == 2);
            CompletableFuture<List<AuditRecord>> last = submit(writer, ok2);
            awaitTrue(() -> writer.queued() == 3);

            // when
            locker.rollback();

            // then
            assertThat(blocked.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(first.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(last.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThatThrownBy(() -> rejected.get(30, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause()
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("postgres")
                    .hasMessageContaining(bad.runId());
            assertThat(stores.dialogues().findByRunId(bad.runId())).isEmpty();
            assertThat(stores.auditLog().forRun(bad.runId())).isEmpty();
            assertThat(stores.dialogues().findByRunId(ok1.runId())).isPresent();
            assertThat(stores.dialogues().findByRunId(ok2.runId())).isPresent();
            assertThat(writer.stats().failedRuns()).isEqualTo(1);
            assertThat(AuditChain.firstBrokenLink(
                            Optional.empty(), stores.auditLog().recent(Integer.MAX_VALUE)))
                    .isEmpty();
        }
    }

    @Test
    void should_commit_queued_runs_in_one_batch_in_queue_order() throws Exception {
        // given
        try (GroupCommitWriter writer = new GroupCommitWriter(jdbi, 256, 64, Duration.ofSeconds(5));
                Connection locker = holdChainLock()) {
            submit(writer, good(id("run")));
            awaitTrue(() -> chainLockWaiters() == 1);
            CompletableFuture<List<AuditRecord>> a = submit(writer, good(id("run")));
            awaitTrue(() -> writer.queued() == 1);
            CompletableFuture<List<AuditRecord>> b = submit(writer, good(id("run")));
            awaitTrue(() -> writer.queued() == 2);
            CompletableFuture<List<AuditRecord>> c = submit(writer, good(id("run")));
            awaitTrue(() -> writer.queued() == 3);

            // when
            locker.rollback();

            // then
            AuditRecord ra = a.get(30, TimeUnit.SECONDS).get(0);
            AuditRecord rb = b.get(30, TimeUnit.SECONDS).get(0);
            AuditRecord rc = c.get(30, TimeUnit.SECONDS).get(0);
            assertThat(rb.prevHash()).isEqualTo(ra.hash());
            assertThat(rc.prevHash()).isEqualTo(rb.hash());
            assertThat(writer.stats().largestBatch()).isEqualTo(3);
            assertThat(writer.stats().batches()).isEqualTo(2);
        }
    }

    @Test
    void should_append_without_the_chain_lock_once_it_knows_the_tail() throws Exception {
        // given: the writer committed one batch, so it knows the tail; then another session takes the chain lock
        try (GroupCommitWriter writer = new GroupCommitWriter(jdbi, 256, 64, Duration.ofSeconds(5))) {
            String first = id("run");
            AuditRecord r1 = writer.write(java.util.Optional.of(good(first)), List.of(audit(first, "agents.run")))
                    .get(0);
            try (Connection locker = holdChainLock()) {
                // when
                CompletableFuture<List<AuditRecord>> next = submit(writer, good(id("run")));

                // then: one statement after the remembered tail, not blocked by the lock
                AuditRecord r2 = next.get(10, TimeUnit.SECONDS).get(0);
                assertThat(r2.prevHash()).isEqualTo(r1.hash());
                assertThat(chainLockWaiters()).isZero();
                locker.rollback();
            }
        }
    }

    @Test
    void should_chain_after_another_writers_records_when_the_tail_moved() throws Exception {
        // given: writer A knows the tail; writer B (another process, say) appends after it
        try (GroupCommitWriter a = new GroupCommitWriter(jdbi, 256, 64, Duration.ofSeconds(5));
                GroupCommitWriter b = new GroupCommitWriter(jdbi, 256, 64, Duration.ofSeconds(5))) {
            String r1 = id("run");
            AuditRecord fromA = a.write(java.util.Optional.of(good(r1)), List.of(audit(r1, "agents.run")))
                    .get(0);
            String r2 = id("run");
            AuditRecord fromB = b.write(java.util.Optional.of(good(r2)), List.of(audit(r2, "agents.run")))
                    .get(0);
            assertThat(fromB.prevHash()).isEqualTo(fromA.hash());

            // when: A's optimistic append from its stale tail collides on prev_hash
            String r3 = id("run");
            List<AuditRecord> again =
                    a.write(java.util.Optional.of(good(r3)), List.of(audit(r3, "agents.run"), audit(r3, "tool.call")));

            // then: written again under the lock, after B's record; nothing failed, the chain holds in id order
            assertThat(again.get(0).prevHash()).isEqualTo(fromB.hash());
            assertThat(again.get(1).prevHash()).isEqualTo(again.get(0).hash());
            assertThat(a.stats().failedRuns()).isZero();
            assertThat(stores.dialogues().findByRunId(r3)).isPresent();
            assertThat(AuditChain.firstBrokenLink(
                            Optional.empty(), stores.auditLog().recent(Integer.MAX_VALUE)))
                    .isEmpty();
        }
    }

    @Test
    void should_refuse_a_run_with_a_clear_error_when_the_queue_stays_full() throws Exception {
        // given: the writer is blocked on one run and the single queue slot is taken
        try (GroupCommitWriter writer = new GroupCommitWriter(jdbi, 1, 1, Duration.ofMillis(300));
                Connection locker = holdChainLock()) {
            CompletableFuture<List<AuditRecord>> blocked = submit(writer, good(id("run")));
            awaitTrue(() -> chainLockWaiters() == 1);
            CompletableFuture<List<AuditRecord>> waiting = submit(writer, good(id("run")));
            awaitTrue(() -> writer.queued() == 1);
            String run = id("run");

            // when / then
            assertThatThrownBy(() -> writer.write(java.util.Optional.of(good(run)), List.of(audit(run, "agents.run"))))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("queue full")
                    .hasMessageContaining(run);
            locker.rollback();
            assertThat(blocked.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(waiting.get(30, TimeUnit.SECONDS)).hasSize(1);
            assertThat(writer.stats().failedRuns()).isZero();
        }
    }

    @Test
    void should_write_queued_runs_on_close_and_refuse_runs_after_it() throws Exception {
        // given
        GroupCommitWriter writer = new GroupCommitWriter(jdbi, 256, 64, Duration.ofSeconds(5));
        CompletableFuture<List<AuditRecord>> pending;
        try (Connection locker = holdChainLock()) {
            submit(writer, good(id("run")));
            awaitTrue(() -> chainLockWaiters() == 1);
            pending = submit(writer, good(id("run")));
            awaitTrue(() -> writer.queued() == 1);
            CompletableFuture.delayedExecutor(300, TimeUnit.MILLISECONDS, CALLERS)
                    .execute(() -> rollback(locker));

            // when
            writer.close();
        }

        // then
        assertThat(pending).isCompleted();
        assertThat(pending.get()).hasSize(1);
        String run = id("run");
        assertThatThrownBy(() -> writer.write(java.util.Optional.of(good(run)), List.of(audit(run, "agents.run"))))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void should_fail_the_caller_with_store_unavailable_when_the_database_is_down() {
        // given: nothing listens on port 1
        PostgresConfig down = PostgresConfig.of("postgres://postgres@127.0.0.1:1/none");
        Jdbi unreachable = Jdbi.create(down.jdbcUrl(), down.user(), down.password());
        String run = id("run");

        // when / then
        try (GroupCommitWriter writer = new GroupCommitWriter(unreachable, 256, 64, Duration.ofSeconds(5))) {
            assertThatThrownBy(() -> writer.write(java.util.Optional.of(good(run)), List.of(audit(run, "agents.run"))))
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(run);
            assertThat(writer.stats().failedRuns()).isEqualTo(1);
        }
    }

    private static DialogueRecord good(String run) {
        return dialogue(run, "erin", Instant.parse("2026-11-26T12:30:00Z"));
    }

    private static DialogueRecord withQuery(DialogueRecord d, String query) {
        return new DialogueRecord(d.runId(), d.agent(), d.actor(), query, d.answer(), d.meta(), d.createdAt());
    }

    private static CompletableFuture<List<AuditRecord>> submit(GroupCommitWriter writer, DialogueRecord d) {
        return CompletableFuture.supplyAsync(
                () -> writer.write(java.util.Optional.of(d), List.of(audit(d.runId(), "agents.run"))), CALLERS);
    }

    /** A connection holding the chain's advisory lock until it rolls back (or closes). */
    private static Connection holdChainLock() throws SQLException {
        Connection c = DriverManager.getConnection(
                db.config().jdbcUrl(), db.config().user(), db.config().password());
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?)")) {
            ps.setLong(1, AuditRows.CHAIN_LOCK);
            ps.execute();
        }
        return c;
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int chainLockWaiters() {
        try (Connection c = DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM pg_locks l JOIN pg_database d"
                        + " ON d.oid = l.database WHERE l.locktype = 'advisory' AND NOT l.granted"
                        + " AND d.datname = current_database()");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 30 s");
            }
            Thread.sleep(20);
        }
    }
}
