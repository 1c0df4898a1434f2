package com.astradesk.core.store.postgres;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

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
}
