package com.astradesk.core.store.contract;

import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.InMemoryAuditOutbox;
import java.util.List;

class InMemoryAuditOutboxContractTest extends AbstractAuditOutboxContractTest {
    private final InMemoryAuditOutbox outbox = AuditOutbox.inMemory();

    @Override
    protected AuditOutbox outbox() {
        return outbox;
    }

    @Override
    protected List<AuditRecord> write(List<AuditRecord> records) {
        outbox.enqueue(records);
        return records;
    }
}
