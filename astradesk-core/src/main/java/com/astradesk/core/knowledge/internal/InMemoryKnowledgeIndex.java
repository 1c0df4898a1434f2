package com.astradesk.core.knowledge.internal;

import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.KnowledgeChunk;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.core.knowledge.KnowledgeQuery;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Knowledge held in memory: exact cosine search over every chunk. Each source's chunks are one immutable
 * list swapped in a single map write, so readers see a source's old or new version, never a mix.
 * Thread-safe.
 */
public final class InMemoryKnowledgeIndex implements KnowledgeIndex {
    private record Source(String contentSha256, List<DocumentChunk> chunks) {}

    private record Scored(DocumentChunk chunk, double score) {}

    private static final Comparator<Scored> RANKING = Comparator.comparingDouble(Scored::score)
            .reversed()
            .thenComparing(s -> s.chunk().source())
            .thenComparingInt(s -> s.chunk().chunkIndex());

    private final Map<String, Source> sources = new ConcurrentHashMap<>();
    private final Embedder embedder;

    public InMemoryKnowledgeIndex(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    @Override
    public void replace(String source, String contentSha256, List<DocumentChunk> chunks) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(chunks, "chunks");
        for (DocumentChunk c : chunks) {
            if (!c.source().equals(source)) {
                throw new IllegalArgumentException(
                        "chunk " + c.chunkIndex() + " belongs to '" + c.source() + "', not to '" + source + "'");
            }
            if (c.embedding().length != embedder.dimension()) {
                throw new IllegalArgumentException("chunk " + c.chunkIndex() + " of '" + source + "' has a "
                        + c.embedding().length + "-d vector; this index uses " + embedder.dimension());
            }
        }
        sources.put(source, new Source(contentSha256, List.copyOf(chunks)));
    }

    @Override
    public int remove(String source) {
        Source removed = sources.remove(Objects.requireNonNull(source, "source"));
        return removed == null ? 0 : removed.chunks().size();
    }

    @Override
    public Optional<String> contentHash(String source) {
        return Optional.ofNullable(sources.get(source)).map(Source::contentSha256);
    }

    @Override
    public long size() {
        return sources.values().stream().mapToLong(s -> s.chunks().size()).sum();
    }

    @Override
    public List<KnowledgeChunk> retrieve(KnowledgeQuery query) {
        Objects.requireNonNull(query, "query");
        if (query.text().isBlank() || sources.isEmpty()) {
            return List.of();
        }
        float[] q = embedder.embed(query.text());
        Set<String> groups =
                query.groups().stream().map(g -> g.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return sources.values().stream()
                .flatMap(s -> s.chunks().stream())
                .filter(c -> c.acl().isEmpty() || c.acl().stream().anyMatch(groups::contains))
                .map(c -> new Scored(c, cosine(q, c.embedding())))
                .filter(s -> s.score() >= query.minScore())
                .sorted(RANKING)
                .limit(query.topK())
                .map(s -> new KnowledgeChunk(
                        s.chunk().source(), s.chunk().chunkIndex(), s.chunk().text(), s.score()))
                .toList();
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.sqrt(na * nb);
    }
}
