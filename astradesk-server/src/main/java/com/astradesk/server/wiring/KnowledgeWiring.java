package com.astradesk.server.wiring;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.config.KnowledgeConfig;
import com.astradesk.server.knowledge.KnowledgeBootstrap;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides what the knowledge base loads at start: in embedded mode (no {@code DATABASE_URL}) the
 * {@code KNOWLEDGE_DIR} directory (default {@code docs/kb}) is ingested into the in-memory index; with a database
 * the index persists, so the directory is ingested only when {@code KNOWLEDGE_DIR} is set explicitly (unchanged
 * files are skipped by their content hash) and otherwise only the model is loaded. Stateless.
 */
final class KnowledgeWiring {
    private static final Logger LOG = LoggerFactory.getLogger(KnowledgeWiring.class);

    private KnowledgeWiring() {}

    static KnowledgeBootstrap bootstrap(AstraDeskConfig config, Embedder embedder, DocumentIngestor ingestor) {
        KnowledgeConfig kb = config.knowledge();
        boolean persistent = config.store().databaseUrl().isPresent();
        Optional<Path> directory =
                !persistent || kb.directoryExplicit() ? Optional.of(kb.directory()) : Optional.empty();
        LOG.info(
                "knowledge base loading in the background: embedder {}, {}",
                kb.embedding().wireName(),
                directory.map(d -> "ingesting " + d).orElse("PostgreSQL index (add documents with 'ingest')"));
        return new KnowledgeBootstrap(embedder, ingestor, directory, KnowledgeBootstrap.DEFAULT_QUERY_WAIT);
    }
}
