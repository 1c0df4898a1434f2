package com.astradesk.server.wiring;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.knowledge.KnowledgeIndex;
import com.astradesk.model.embedding.LocalEmbedder;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.config.KnowledgeConfig;
import com.astradesk.server.knowledge.ChunkEmbeddingCache;
import com.astradesk.server.knowledge.KnowledgeBootstrap;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the knowledge base loads at start: in embedded mode (no {@code DATABASE_URL}) the
 * {@code KNOWLEDGE_DIR} directory (default {@code docs/kb}) is ingested into the in-memory index, its chunk vectors
 * kept between starts in {@value #CACHE_FILE} under {@code ASTRADESK_HOME} ({@link ChunkEmbeddingCache}: a later
 * start embeds only new or changed chunks); with a database the index persists, so the directory is ingested only
 * when {@code KNOWLEDGE_DIR} is set explicitly (unchanged files are skipped by their content hash) and otherwise only
 * the model is loaded. Stateless.
 */
final class KnowledgeWiring {
    /** The chunk vectors of the start-up directory (embedded mode, MiniLM), relative to {@code ASTRADESK_HOME}. */
    static final String CACHE_FILE = "var/knowledge/minilm-chunks.bin";

    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeWiring.class);

    private KnowledgeWiring() {}

    /**
     * @param embedder the index's embedder (loaded before ready: questions need it)
     * @param index    the index the start-up directory is ingested into
     * @param ingestor the ingestor over {@code index} and {@code embedder} (used when nothing is cached)
     */
    static KnowledgeBootstrap bootstrap(
            AstraDeskConfig config, Embedder embedder, KnowledgeIndex index, DocumentIngestor ingestor) {
        KnowledgeConfig kb = config.knowledge();
        boolean persistent = config.store().databaseUrl().isPresent();
        Optional<Path> directory =
                !persistent || kb.directoryExplicit() ? Optional.of(kb.directory()) : Optional.empty();
        LOG.info(
                "knowledge base loading in the background: embedder {}, {}",
                kb.embedding().wireName(),
                directory.map(d -> "ingesting " + d).orElse("PostgreSQL index (add documents with 'ingest')"));
        DocumentIngestor startup = ingestor;
        if (!persistent && kb.embedding() == KnowledgeConfig.EmbeddingModel.MINILM) {
            Path file = config.devIssuer().home().resolve(CACHE_FILE);
            startup = new CachedStartupIngestor(file, embedder, index);
        }
        return new KnowledgeBootstrap(embedder, startup, directory, KnowledgeBootstrap.DEFAULT_QUERY_WAIT);
    }

    /**
     * Ingests through a {@link ChunkEmbeddingCache} read when the ingestion starts (on the loader thread, not the
     * main one) and written after it.
     */
    private static final class CachedStartupIngestor implements DocumentIngestor {
        private final Path file;
        private final Embedder model;
        private final KnowledgeIndex index;

        CachedStartupIngestor(Path file, Embedder model, KnowledgeIndex index) {
            this.file = file;
            this.model = model;
            this.index = index;
        }

        @Override
        public IngestReport ingest(Path fileOrDirectory, Set<String> acl) {
            ChunkEmbeddingCache cache = ChunkEmbeddingCache.open(file, LocalEmbedder.MODEL_NAME, model.dimension());
            IngestReport report =
                    DocumentIngestor.builder(index, cache.over(model)).build().ingest(fileOrDirectory, acl);
            boolean written = cache.save();
            LOG.info(
                    "knowledge chunks: {} vectors from {}, {} embedded{}",
                    cache.hits(),
                    file,
                    cache.misses(),
                    written ? " (cache written)" : "");
            return report;
        }

        @Override
        public IngestReport ingestDocument(String source, byte[] content, Set<String> acl) {
            throw new UnsupportedOperationException("start-up ingestion reads a directory");
        }
    }
}
