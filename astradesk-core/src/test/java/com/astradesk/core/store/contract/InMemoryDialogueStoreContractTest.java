package com.astradesk.core.store.contract;

import com.astradesk.core.memory.DialogueStore;

class InMemoryDialogueStoreContractTest extends AbstractDialogueStoreContractTest {
    private final DialogueStore store = DialogueStore.inMemory();

    @Override
    protected DialogueStore store() {
        return store;
    }
}
