package com.astradesk.server.cli;

import com.astradesk.core.StoreException;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.Embedder;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.store.postgres.PostgresStores;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.server.knowledge.Embedders;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code ingest <file|dir> [--acl g1,g2]}: ingests Markdown/text documents into the PostgreSQL knowledge base
 * ({@code DATABASE_URL}) with the configured embedder ({@code EMBEDDING_MODEL}) and prints one line per file and
 * a summary. Unchanged files are skipped. Exit codes: 0 every file ingested or unchanged, 1 some file failed (the
 * others are still processed) or the database is unreachable, 2 no or bad {@code DATABASE_URL}.
 */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        description = "Ingest a Markdown/text file or directory into the PostgreSQL knowledge base (DATABASE_URL).")
public final class IngestCommand implements Callable<Integer> {
    @ParentCommand
    private AstraDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "<file|dir>", description = "A .md/.markdown/.txt file or a directory.")
    private Path path;

    @Option(
            names = "--acl",
            split = ",",
            paramLabel = "GROUP",
            description = "Groups that may read documents whose front matter names none (default: public).")
    private List<String> acl = List.of();

    @Override
    public Integer call() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(parent.env());
        LoggingSetup.apply(config.logging());
        var pg = CliDatabase.require(
                config,
                "ingest",
                "in embedded mode the server ingests KNOWLEDGE_DIR (default docs/kb) at startup, and POST"
                        + " /v1/documents adds documents to a running server");
        PrintWriter out = spec.commandLine().getOut();
        Embedder embedder = Embedders.of(config.knowledge().embedding());
        try (PostgresStores stores = PostgresStores.open(pg)) {
            var index = stores.knowledgeIndex(embedder);
            IngestReport report =
                    DocumentIngestor.builder(index, embedder).build().ingest(path, Set.copyOf(acl));
            for (IngestReport.FileOutcome f : report.files()) {
                out.println(line(f));
            }
            out.println(report.summary());
            out.flush();
            return report.failed() > 0 ? 1 : 0;
        } catch (StoreException e) {
            return CliDatabase.fail(spec, "ingest", e);
        }
    }

    static String line(IngestReport.FileOutcome f) {
        String status = f.status().name().toLowerCase(Locale.ROOT);
        return switch (f.status()) {
            case INGESTED -> String.format(Locale.ROOT, "%-9s %s (%d chunks)", status, f.source(), f.chunks());
            case UNCHANGED -> String.format(Locale.ROOT, "%-9s %s", status, f.source());
            case FAILED ->
                String.format(
                        Locale.ROOT,
                        "%-9s %s: %s",
                        status,
                        f.source(),
                        f.error().orElse("unknown error"));
        };
    }
}
