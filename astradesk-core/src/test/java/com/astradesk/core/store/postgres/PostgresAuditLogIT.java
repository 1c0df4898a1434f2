package com.astradesk.core.store.postgres;

import static com.astradesk.core.store.contract.AuditFixtures.audit;
import static com.astradesk.core.store.contract.AuditFixtures.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditRecord;
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
}
