package com.astradesk.core.approval;

class InMemoryApprovalStoreTest extends AbstractApprovalStoreContractTest {
    private final ApprovalStore store = ApprovalStore.inMemory();

    @Override
    protected ApprovalStore store() {
        return store;
    }
}
