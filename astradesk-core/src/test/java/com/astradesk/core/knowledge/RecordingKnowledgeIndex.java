package com.astradesk.core.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A test fake that keeps chunks per source and records every write, so tests can assert "nothing written". */
final class RecordingKnowledgeIndex implements KnowledgeIndex {
    final Map<String, List<DocumentChunk>> chunks = new LinkedHashMap<>();
    final Map<String, String> hashes = new LinkedHashMap<>();
    final List<String> writes = new ArrayList<>();

    @Override
    public synchronized void replace(String source, String contentSha256, List<DocumentChunk> newChunks) {
        writes.add("replace " + source);
        chunks.put(source, List.copyOf(newChunks));
        hashes.put(source, contentSha256);
    }

    @Override
    public synchronized int remove(String source) {
        writes.add("remove " + source);
        hashes.remove(source);
        List<DocumentChunk> removed = chunks.remove(source);
        return removed == null ? 0 : removed.size();
    }

    @Override
    public synchronized Optional<String> contentHash(String source) {
        return Optional.ofNullable(hashes.get(source));
    }

    @Override
    public synchronized long size() {
        return chunks.values().stream().mapToLong(List::size).sum();
    }

    @Override
    public List<KnowledgeChunk> retrieve(KnowledgeQuery query) {
        throw new UnsupportedOperationException("retrieval is not exercised by ingestion tests");
    }
}
