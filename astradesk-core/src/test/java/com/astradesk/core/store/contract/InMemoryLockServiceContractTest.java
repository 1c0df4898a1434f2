package com.astradesk.core.store.contract;

import com.astradesk.core.coordination.LockService;

class InMemoryLockServiceContractTest extends AbstractLockServiceContractTest {
    private final LockService locks = LockService.inMemory();

    @Override
    protected LockService locks() {
        return locks;
    }
}
