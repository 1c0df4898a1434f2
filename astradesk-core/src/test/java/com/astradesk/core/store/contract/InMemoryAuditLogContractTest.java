package com.astradesk.core.store.contract;

import com.astradesk.core.audit.AuditLog;

class InMemoryAuditLogContractTest extends AbstractAuditLogContractTest {
    private final AuditLog log = AuditLog.inMemory();

    @Override
    protected AuditLog log() {
        return log;
    }
}
