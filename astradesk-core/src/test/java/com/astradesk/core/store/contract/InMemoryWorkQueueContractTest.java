package com.astradesk.core.store.contract;

import com.astradesk.core.coordination.WorkQueue;

class InMemoryWorkQueueContractTest extends AbstractWorkQueueContractTest {
    @Override
    protected WorkQueue newQueue() {
        return WorkQueue.inMemory();
    }
}
