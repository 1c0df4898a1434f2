package com.astradesk.core.store.postgres;

import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.store.contract.AbstractAuditOutboxContractTest;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

class PostgresAuditOutboxContractIT extends AbstractAuditOutboxContractTest {
    private TestDatabase db;
    private PostgresStores stores;
    private PostgresAuditOutbox outbox;

    @BeforeEach
    void open() {
        db = TestServices.createDatabase("outboxcontract");
        stores = PostgresStores.open(db.config());
        outbox = PostgresAuditOutbox.open(db.config());
    }

    @AfterEach
    void close() {
        outbox.close();
        stores.close();
        db.close();
    }

    @Override
    protected AuditOutbox outbox() {
        return outbox;
    }

    /** Through the run journal: the records are re-chained from the table's last hash, as in production. */
    @Override
    protected List<AuditRecord> write(List<AuditRecord> records) {
        return stores.runJournal()
                .record(
                        new DialogueRecord(
                                "run-" + UUID.randomUUID(), "ops", "alice", "q", "a", Map.of(), Instant.now()),
                        records);
    }
}
