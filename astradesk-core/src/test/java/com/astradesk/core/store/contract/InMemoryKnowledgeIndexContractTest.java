package com.astradesk.core.store.contract;

import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeIndex;

class InMemoryKnowledgeIndexContractTest extends AbstractKnowledgeIndexContractTest {

    @Override
    protected Embedder newEmbedder() {
        return Embedder.hashing(384);
    }

    @Override
    protected KnowledgeIndex emptyIndex(Embedder embedder) {
        return KnowledgeIndex.inMemory(embedder);
    }
}
