package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.knowledge.DocumentIngestor;
import com.astradesk.core.knowledge.IngestReport;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * {@code POST /v1/documents} (role {@value #ROLE}): adds or replaces one document of the knowledge base through
 * {@link DocumentIngestor#ingestDocument}. The body limit of this route alone is raised to fit 1 MiB of content.
 * Every call that reaches the route with a valid token is audited as {@value #ACTION}. Thread-safe.
 */
final class DocumentRoutes {
    /** The role that may add documents. */
    static final String ROLE = "kb.admin";
    /** The audit action of every call: allowed (ingested or unchanged), denied (no role) or error (rejected). */
    static final String ACTION = "documents.ingest";
    /** Body limit of this route: 1 MiB of content, even if JSON escaping doubles it, plus the other fields. */
    static final int MAX_BODY_BYTES = 2 * DocumentRequest.MAX_CONTENT_BYTES + 64 * 1024;

    private final DocumentIngestor ingestor;
    private final Consumer<AuditRecord> audit;

    DocumentRoutes(DocumentIngestor ingestor, Consumer<AuditRecord> audit) {
        this.ingestor = Objects.requireNonNull(ingestor, "ingestor");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/documents", this::ingest);
    }

    private void ingest(Context ctx) {
        Principal principal = AuthHandler.principal(ctx);
        if (!principal.hasRole(ROLE)) {
            audit(ctx, principal, AuditDecision.DENIED, Map.of("required_roles", List.of(ROLE)));
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
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("source", request.source());
        details.put("status", outcome.status().name().toLowerCase(Locale.ROOT));
        details.put("chunks_written", outcome.chunks());
        details.put("acl", new TreeSet<>(request.acl()));
        outcome.error().ifPresent(e -> details.put("error", e));
        audit(
                ctx,
                principal,
                outcome.status() == IngestReport.Status.FAILED ? AuditDecision.ERROR : AuditDecision.ALLOWED,
                details);
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

    private void audit(Context ctx, Principal principal, AuditDecision decision, Map<String, Object> details) {
        AuditRecord record = AuditRecord.builder()
                .withTs(Instant.now())
                .withActor(principal.subject())
                .withTenant(principal.tenant())
                .withAction(ACTION)
                .withDecision(decision)
                .withArgs(details)
                .withRequestId(RequestIds.of(ctx))
                .build();
        try {
            audit.accept(record);
        } catch (AstraDeskException e) {
            throw new ServiceUnavailableException("the audit log is unavailable; retry later", e);
        }
    }
}
