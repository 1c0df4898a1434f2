package com.astradesk.core.store.contract;

import com.astradesk.core.coordination.WorkQueue;

class InMemoryWorkQueueContractTest extends AbstractWorkQueueContractTest {
    private final WorkQueue queue = WorkQueue.inMemory();

    @Override
    protected WorkQueue queue() {
        return queue;
    }
}
