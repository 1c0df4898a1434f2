package com.astradesk.core.store.redis;

import com.astradesk.core.coordination.LockService;
import com.astradesk.core.store.contract.AbstractLockServiceContractTest;
import com.astradesk.core.store.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class RedisLockServiceIT extends AbstractLockServiceContractTest {
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
    protected LockService locks() {
        return stores.lockService();
    }
}
