package com.astradesk.core.store.postgres;

import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.store.contract.AbstractDialogueStoreContractTest;
import com.astradesk.core.store.testing.TestDatabase;
import com.astradesk.core.store.testing.TestServices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresDialogueStoreIT extends AbstractDialogueStoreContractTest {
    private static TestDatabase db;
    private static PostgresStores stores;

    @BeforeAll
    static void open() {
        db = TestServices.createDatabase("dialogues");
        stores = PostgresStores.open(db.config());
    }

    @AfterAll
    static void close() {
        stores.close();
        db.close();
    }

    @Override
    protected DialogueStore store() {
        return stores.dialogues();
    }
}
