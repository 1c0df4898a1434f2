package com.astradesk.core.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.approval.AbstractApprovalStoreContractTest;
import com.astradesk.core.approval.Approval;
import com.astradesk.core.approval.ApprovalAlreadyDecidedException;
import com.astradesk.core.approval.ApprovalExpiredException;
import com.astradesk.core.approval.ApprovalPolicy;
import com.astradesk.core.approval.ApprovalService;
import com.astradesk.core.approval.ApprovalState;
import com.astradesk.core.approval.ApprovalStore;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import com.astradesk.core.tool.ApprovalGate;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The approval store contract on PostgreSQL, and what two replicas (two pools, two services) on one database
 * see: the same approvals, exactly one winner of concurrent decisions, expiry by the database clock.
 */
class PostgresApprovalStoreIT extends AbstractApprovalStoreContractTest {
    private static final Principal BOB = Principal.of("bob", "sre");
    private static final Principal ALICE = Principal.of("alice", "approver");
    private static final Principal CAROL = Principal.of("carol", "approver");

    private static TestDatabase db;
    private static PostgresStores replicaA;
    private static PostgresStores replicaB;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("approvals");
        replicaA = PostgresStores.open(db.config());
        replicaB = PostgresStores.open(db.config());
    }

    @AfterAll
    static void close() {
        replicaA.close();
        replicaB.close();
        db.close();
    }

    @Override
    protected ApprovalStore store() {
        return replicaA.approvals();
    }

    private static ApprovalService service(PostgresStores stores) {
        return ApprovalService.builder()
                .withPolicy(ApprovalPolicy.forTools(Set.of("restart_service")))
                .withStore(stores.approvals())
                .build();
    }

    private static String request(ApprovalService service) {
        ToolDescriptor restart = ToolDescriptor.builder("restart_service")
                .withDescription("restarts a service")
                .withSideEffect(SideEffect.EXECUTE)
                .build();
        ApprovalGate.Check check =
                service.check(ToolCall.of("restart_service", Map.of("service", "payments-api"), BOB), restart);
        assertThat(check).isInstanceOf(ApprovalGate.Check.Pending.class);
        return ((ApprovalGate.Check.Pending) check).approvalId();
    }

    @Test
    void should_show_an_approval_requested_on_one_replica_on_the_other() {
        String id = request(service(replicaA));

        assertThat(service(replicaB).find(id)).get().extracting(Approval::state).isEqualTo(ApprovalState.PENDING);
        assertThat(service(replicaB).pending()).extracting(Approval::id).contains(id);
    }

    @Test
    void should_let_exactly_one_of_two_concurrent_decisions_on_two_replicas_win() throws Exception {
        ApprovalService a = service(replicaA);
        ApprovalService b = service(replicaB);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                // given
                String id = request(a);
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Object>> decisions = new ArrayList<>();

                // when: one replica rejects while the other rejects too, at the same moment
                decisions.add(pool.submit(() -> {
                    start.await();
                    return a.reject(id, ALICE, "no");
                }));
                decisions.add(pool.submit(() -> {
                    start.await();
                    return b.reject(id, CAROL, "not now");
                }));
                start.countDown();

                // then
                int won = 0;
                int conflicts = 0;
                for (Future<Object> f : decisions) {
                    try {
                        f.get(30, TimeUnit.SECONDS);
                        won++;
                    } catch (java.util.concurrent.ExecutionException e) {
                        assertThat(e.getCause()).isInstanceOf(ApprovalAlreadyDecidedException.class);
                        conflicts++;
                    }
                }
                assertThat(won).as("round %d winners", round).isEqualTo(1);
                assertThat(conflicts).as("round %d conflicts", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void should_refuse_a_decision_once_the_database_clock_passed_the_expiry() throws Exception {
        // given: requested on A; the row's expiry is moved into the past, as the database's clock sees it
        String id = request(service(replicaA));
        try (Connection c = DriverManager.getConnection(
                        db.config().jdbcUrl(), db.config().user(), db.config().password());
                Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE approvals SET created_at = now() - interval '2 hours',"
                    + " expires_at = now() - interval '1 second' WHERE id = '" + id + "'");
        }

        // when / then: B refuses the decision and records the expiry
        assertThatThrownBy(() -> service(replicaB).reject(id, ALICE, "late"))
                .isInstanceOf(ApprovalExpiredException.class);
        assertThat(service(replicaA).find(id)).get().extracting(Approval::state).isEqualTo(ApprovalState.EXPIRED);
        assertThat(service(replicaA).pending()).extracting(Approval::id).doesNotContain(id);
    }

    @Test
    void should_expire_in_sql_even_when_the_deciding_replicas_clock_is_behind() {
        // given: a replica whose clock is an hour behind requests an approval that waits one minute
        ApprovalService shortLived = ApprovalService.builder()
                .withPolicy(ApprovalPolicy.forTools(Set.of("restart_service")))
                .withStore(replicaA.approvals())
                .withTimeToLive(Duration.ofMinutes(1))
                .withClock(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofHours(-1)))
                .build();
        String id = request(shortLived);

        // when / then: the replica's clock (an hour behind) says pending; the database says expired
        assertThatThrownBy(() -> shortLived.reject(id, ALICE, "late")).isInstanceOf(ApprovalExpiredException.class);
        assertThat(replicaB.approvals().find(id))
                .get()
                .extracting(Approval::state)
                .isEqualTo(ApprovalState.EXPIRED);
    }
}
