package com.astradesk.core.knowledge.internal;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.knowledge.DocumentChunk;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.DocumentIngestorConfig;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.knowledge.IngestReport.FileOutcome;
import com.astradesk.core.knowledge.IngestReport.Status;
import com.astradesk.core.knowledge.KnowledgeIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The stock {@link DocumentIngestor}. Thread-safe (stateless apart from its collaborators). */
public final class DefaultDocumentIngestor implements DocumentIngestor {
    private static final Logger LOG = LoggerFactory.getLogger(DefaultDocumentIngestor.class);

    private final KnowledgeIndex index;
    private final Embedder embedder;
    private final DocumentIngestorConfig config;
    private final MarkdownChunker chunker;

    public DefaultDocumentIngestor(KnowledgeIndex index, Embedder embedder, DocumentIngestorConfig config) {
        this.index = Objects.requireNonNull(index, "index");
        this.embedder = Objects.requireNonNull(embedder, "embedder");
        this.config = Objects.requireNonNull(config, "config");
        this.chunker = new MarkdownChunker(config.chunkSize(), config.chunkOverlap());
    }

    @Override
    public IngestReport ingest(Path fileOrDirectory, Set<String> acl) {
        Objects.requireNonNull(fileOrDirectory, "fileOrDirectory");
        Set<String> callAcl = normalize(acl);
        long start = System.nanoTime();
        List<FileOutcome> outcomes = new ArrayList<>();
        Path root = fileOrDirectory.toAbsolutePath().normalize();
        if (Files.isDirectory(root)) {
            for (Path file : listFiles(root, outcomes)) {
                outcomes.add(ingestFile(root.relativize(file), file, callAcl));
            }
        } else if (Files.isRegularFile(root)) {
            outcomes.add(ingestFile(root.getFileName(), root, callAcl));
        } else {
            outcomes.add(failed(fileOrDirectory.toString(), "no such file or directory"));
        }
        IngestReport report = new IngestReport(outcomes, Duration.ofNanos(System.nanoTime() - start));
        LOG.debug("ingested {}: {}", fileOrDirectory, report.summary());
        return report;
    }

    @Override
    public IngestReport ingestDocument(String source, byte[] content, Set<String> acl) {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(content, "content");
        long start = System.nanoTime();
        FileOutcome outcome;
        try {
            checkSource(source);
            DocumentText.checkSupported(source);
            DocumentText.checkSize(content.length, config.maxFileBytes());
            outcome = index(source, content, normalize(acl));
        } catch (DocumentText.Rejected e) {
            outcome = failed(source, e.getMessage());
        }
        return new IngestReport(List.of(outcome), Duration.ofNanos(System.nanoTime() - start));
    }

    private List<Path> listFiles(Path root, List<FileOutcome> outcomes) {
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> !p.equals(root))
                    .filter(p -> !hidden(root.relativize(p)))
                    .filter(Files::isRegularFile)
                    .sorted()
                    .toList();
        } catch (IOException | java.io.UncheckedIOException e) {
            outcomes.add(failed(root.toString(), "cannot list directory: " + e.getMessage()));
            return List.of();
        }
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private FileOutcome ingestFile(Path relative, Path file, Set<String> callAcl) {
        String source = sourceName(relative);
        try {
            DocumentText.checkSupported(source);
            DocumentText.checkSize(Files.size(file), config.maxFileBytes());
            return index(source, Files.readAllBytes(file), callAcl);
        } catch (DocumentText.Rejected e) {
            return failed(source, e.getMessage());
        } catch (IOException e) {
            return failed(source, "cannot read: " + e.getMessage());
        }
    }

    private FileOutcome index(String source, byte[] bytes, Set<String> callAcl) throws DocumentText.Rejected {
        String text = DocumentText.decode(bytes);
        boolean markdown =
                DocumentText.MARKDOWN.contains(DocumentText.extension(source).orElse(""));
        FrontMatter fm = markdown ? FrontMatter.parse(text) : new FrontMatter(Optional.empty(), text);
        Set<String> acl = fm.acl().orElse(callAcl.isEmpty() ? config.defaultAcl() : callAcl);
        String fingerprint = fingerprint(bytes, acl);
        try {
            if (index.contentHash(source).filter(fingerprint::equals).isPresent()) {
                return new FileOutcome(source, Status.UNCHANGED, 0, Optional.empty());
            }
            List<TextChunk> pieces = markdown ? chunker.chunkMarkdown(fm.body()) : chunker.chunkPlainText(fm.body());
            if (pieces.isEmpty()) {
                throw new DocumentText.Rejected("no text to index (the document has only front matter or headings)");
            }
            List<DocumentChunk> chunks = embed(source, fingerprint, acl, pieces);
            index.replace(source, fingerprint, chunks);
            return new FileOutcome(source, Status.INGESTED, chunks.size(), Optional.empty());
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (RuntimeException e) {
            LOG.warn("indexing {} failed", source, e);
            return failed(source, "indexing failed: " + e.getMessage());
        }
    }

    private List<DocumentChunk> embed(String source, String fingerprint, Set<String> acl, List<TextChunk> pieces) {
        List<DocumentChunk> out = new ArrayList<>(pieces.size());
        for (int from = 0; from < pieces.size(); from += config.batchSize()) {
            List<String> texts = pieces.subList(from, Math.min(pieces.size(), from + config.batchSize())).stream()
                    .map(TextChunk::text)
                    .toList();
            List<float[]> vectors = embedder.embedAll(texts);
            if (vectors.size() != texts.size()) {
                throw new IllegalStateException(
                        "embedder returned " + vectors.size() + " vectors for " + texts.size() + " texts");
            }
            for (int i = 0; i < texts.size(); i++) {
                out.add(new DocumentChunk(source, out.size(), texts.get(i), acl, fingerprint, vectors.get(i)));
            }
        }
        return out;
    }

    /** SHA-256 over the bytes and the effective ACL, so a changed ACL re-indexes an unchanged file. */
    static String fingerprint(byte[] bytes, Set<String> acl) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(bytes);
            sha.update((byte) 0);
            sha.update(("acl=" + String.join(",", new TreeSet<>(acl))).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }

    private static String sourceName(Path relative) {
        List<String> parts = new ArrayList<>();
        relative.forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static void checkSource(String source) throws DocumentText.Rejected {
        if (source.isBlank() || source.length() > 512) {
            throw new DocumentText.Rejected("source name must be 1..512 characters");
        }
    }

    private static Set<String> normalize(Set<String> acl) {
        return acl == null
                ? Set.of()
                : acl.stream()
                        .map(g -> g.trim().toLowerCase(Locale.ROOT))
                        .filter(g -> !g.isEmpty())
                        .collect(Collectors.toUnmodifiableSet());
    }

    private static FileOutcome failed(String source, String reason) {
        return new FileOutcome(source, Status.FAILED, 0, Optional.of(reason));
    }
}
