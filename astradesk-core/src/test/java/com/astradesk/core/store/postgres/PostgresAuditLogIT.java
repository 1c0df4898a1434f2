package com.astradesk.core.store.postgres;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditEntry;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditQuery;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.ChainStatus;
import com.astradesk.core.store.contract.AbstractAuditLogContractTest;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PostgresAuditLogIT extends AbstractAuditLogContractTest {
    private static TestDatabase db;
    private static PostgresStores stores;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("audits");
        stores = PostgresStores.open(db.config());
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    @Override
    protected AuditLog log() {
        return stores.auditLog();
    }

    @Test
    void should_keep_one_chain_when_two_separate_pools_append_to_the_same_database() {
        // given: a second process, simulated by a second pool on the same database
        try (PostgresStores other = PostgresStores.open(db.config())) {
            String run = id("run");

            // when
            List<AuditRecord> a = log().append(List.of(audit(run, "from-first")));
            List<AuditRecord> b = other.auditLog().append(List.of(audit(run, "from-second")));

            // then
            assertThat(b.get(0).prevHash()).isEqualTo(a.get(0).hash());
            assertThat(AuditChain.firstBrokenLink(log().recent(Integer.MAX_VALUE)))
                    .isEmpty();
        }
    }

    @Test
    void should_show_which_queried_rows_no_longer_verify_after_the_table_was_edited() throws Exception {
        // given: a private chain of three records, the middle one edited in place afterwards
        try (TestDatabase own = TestServices.createDatabase("audit_tamper");
                PostgresStores tampered = PostgresStores.open(own.config())) {
            String run = id("run");
            List<AuditRecord> stored =
                    tampered.auditLog().append(List.of(audit(run, "first"), audit(run, "second"), audit(run, "third")));
            try (var c = java.sql.DriverManager.getConnection(
                            own.config().jdbcUrl(),
                            own.config().user(),
                            own.config().password());
                    var st = c.prepareStatement(
                            "UPDATE audits SET payload = jsonb_set(payload, '{actor}', '\"mallory\"') WHERE event_id = ?")) {
                st.setString(1, stored.get(1).eventId());
                assertThat(st.executeUpdate()).isEqualTo(1);
            }

            // when
            List<AuditEntry> page = tampered.auditLog().query(AuditQuery.all()).entries();

            // then: newest first; only the edited row fails, its neighbours' links still hold
            assertThat(page).extracting(e -> e.record().action()).containsExactly("third", "second", "first");
            assertThat(page)
                    .extracting(AuditEntry::chain)
                    .containsExactly(ChainStatus.VERIFIED, ChainStatus.HASH_MISMATCH, ChainStatus.VERIFIED);
            assertThat(page.get(1).record().actor()).isEqualTo("mallory");
        }
    }

    @Test
    void should_refuse_a_fork_of_the_chain_by_prev_hash_without_a_unique_index_on_hash() throws Exception {
        // given: a private chain of two records (V8 dropped the unique index on audits.hash)
        try (TestDatabase own = TestServices.createDatabase("audit_fork");
                PostgresStores forked = PostgresStores.open(own.config());
                var c = java.sql.DriverManager.getConnection(
                        own.config().jdbcUrl(),
                        own.config().user(),
                        own.config().password())) {
            String run = id("run");
            List<AuditRecord> stored = forked.auditLog().append(List.of(audit(run, "first"), audit(run, "second")));
            try (var st = c.createStatement();
                    var rs = st.executeQuery("SELECT indexname FROM pg_indexes WHERE tablename = 'audits'")) {
                List<String> indexes = new java.util.ArrayList<>();
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
                assertThat(indexes).contains("audits_prev_hash_key").doesNotContain("audits_hash_key");
            }

            // when: a second row after the first record (a fork), even with a hash of its own
            var fork = c.prepareStatement("INSERT INTO audits (event_id, ts, actor, action, decision, payload,"
                    + " prev_hash, hash) SELECT 'fork', ts, actor, action, decision, payload, prev_hash, 'other'"
                    + " FROM audits WHERE event_id = ?");
            fork.setString(1, stored.get(1).eventId());

            // then: refused by prev_hash's unique index; the chain still verifies
            assertThatThrownBy(fork::executeUpdate)
                    .isInstanceOf(java.sql.SQLException.class)
                    .hasMessageContaining("audits_prev_hash_key");
            assertThat(AuditChain.firstBrokenLink(forked.auditLog().recent(10))).isEmpty();
        }
    }
}
