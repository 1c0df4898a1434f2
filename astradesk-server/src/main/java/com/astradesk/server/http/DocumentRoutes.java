package com.astradesk.server.http;

import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.store.StoreUnavailableException;
import com.astradesk.server.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code POST /v1/documents} (role {@value #ROLE}): adds or replaces one document of the knowledge base through
 * {@link DocumentIngestor#ingestDocument}. The body limit of this route alone is raised to fit 1 MiB of content.
 * Thread-safe.
 */
final class DocumentRoutes {
    /** The role that may add documents. */
    static final String ROLE = "kb.admin";
    /** Body limit of this route: 1 MiB of content, even if JSON escaping doubles it, plus the other fields. */
    static final int MAX_BODY_BYTES = 2 * DocumentRequest.MAX_CONTENT_BYTES + 64 * 1024;

    private final DocumentIngestor ingestor;

    DocumentRoutes(DocumentIngestor ingestor) {
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/documents", this::ingest);
    }

    private void ingest(Context ctx) {
        Principal principal = AuthHandler.principal(ctx);
        if (!principal.hasRole(ROLE)) {
            throw new RequestRejectedException(
                    403,
                    "forbidden",
                    Optional.empty(),
                    "adding documents requires the role " + ROLE,
                    Map.of("required_roles", List.of(ROLE)));
        }
        DocumentRequest request = DocumentRequest.from(JsonBodies.readObject(ctx, MAX_BODY_BYTES));
        IngestReport report;
        try {
            report = ingestor.ingestDocument(request.source(), request.content(), request.acl());
        } catch (StoreUnavailableException e) {
            throw new ServiceUnavailableException("the knowledge store is unavailable; retry later", e);
        }
        IngestReport.FileOutcome outcome = report.files().get(0);
        if (outcome.status() == IngestReport.Status.FAILED) {
            throw new RequestRejectedException(
                    400,
                    "document_rejected",
                    Optional.empty(),
                    "document '" + request.source() + "' was not ingested: "
                            + outcome.error().orElse("unknown reason"),
                    Map.of("source", request.source()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("source", outcome.source());
        body.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
        body.put("chunks_written", outcome.chunks());
        body.put("acl", new TreeSet<>(request.acl()));
        body.put("elapsed_ms", report.elapsed().toMillis());
        body.put("summary", report.summary());
        ctx.status(201).contentType("application/json").result(ServerJson.write(body));
    }
}
