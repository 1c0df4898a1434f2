package com.astradesk.core.store.redis;

import com.astradesk.core.coordination.WorkQueue;
import com.astradesk.core.store.contract.AbstractWorkQueueContractTest;
import com.astradesk.core.store.testing.TestServices;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisWorkQueueIT extends AbstractWorkQueueContractTest {
    private static RedisStores stores;

    @BeforeAll
    static void open() {
        stores = RedisStores.open(TestServices.redis());
    }

    @AfterAll
    static void close() {
        stores.close();
    }

    @Override
    protected WorkQueue newQueue() {
        return stores.workQueue("work-test-" + UUID.randomUUID());
    }
}
