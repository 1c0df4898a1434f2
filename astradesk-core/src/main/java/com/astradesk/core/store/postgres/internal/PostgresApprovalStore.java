package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.approval.Approval;
import com.astradesk.core.approval.ApprovalState;
import com.astradesk.core.approval.ApprovalStore;
import com.astradesk.core.approval.ExecutedStep;
import com.astradesk.core.json.Json;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallOutcome;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Approvals in table {@code approvals}, shared by every replica on the database. A decision is one conditional
 * {@code UPDATE … WHERE state = 'pending' AND expires_at > now()}: the database row lock makes exactly one of
 * two concurrent decisions win, and the database clock (not a replica's) decides expiry. Thread-safe.
 */
final class PostgresApprovalStore implements ApprovalStore {
    private static final String COLUMNS = "id, tool, arguments::text AS arguments, requester_subject, requester_roles,"
            + " requester_groups, requester_tenant, run_id, request_id, idempotency_key, language, created_at,"
            + " expires_at, state, decided_by, decided_at, reason, executed_at, result::text AS result";

    private final Jdbi jdbi;

    PostgresApprovalStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public void insert(Approval a) {
        Objects.requireNonNull(a, "approval");
        int inserted;
        try {
            inserted = jdbi.withHandle(h -> h.createUpdate("INSERT INTO approvals (id, tool, arguments,"
                            + " requester_subject, requester_roles, requester_groups, requester_tenant, run_id,"
                            + " request_id, idempotency_key, language, created_at, expires_at, state, decided_by,"
                            + " decided_at, reason, executed_at) VALUES (:id, :tool, CAST(:arguments AS jsonb),"
                            + " :subject, :roles, :groups, :tenant, :runId, :requestId, :idempotencyKey, :language,"
                            + " :createdAt, :expiresAt, :state, :decidedBy, :decidedAt, :reason, :executedAt)"
                            + " ON CONFLICT (id) DO NOTHING")
                    .bind("id", a.id())
                    .bind("tool", a.tool())
                    .bind("arguments", Json.write(a.arguments()))
                    .bind("subject", a.requester().subject())
                    .bind("roles", a.requester().roles().stream().sorted().toArray(String[]::new))
                    .bind("groups", a.requester().groups().stream().sorted().toArray(String[]::new))
                    .bind("tenant", a.requester().tenant().orElse(null))
                    .bind("runId", a.runId())
                    .bind("requestId", a.requestId())
                    .bind("idempotencyKey", a.idempotencyKey().orElse(null))
                    .bind("language", a.language().name())
                    .bind("createdAt", at(a.createdAt()))
                    .bind("expiresAt", at(a.expiresAt()))
                    .bind("state", a.state().wireName())
                    .bind("decidedBy", a.decidedBy().orElse(null))
                    .bind(
                            "decidedAt",
                            a.decidedAt().map(PostgresApprovalStore::at).orElse(null))
                    .bind("reason", a.reason().orElse(null))
                    .bind(
                            "executedAt",
                            a.executedAt().map(PostgresApprovalStore::at).orElse(null))
                    .execute());
        } catch (JdbiException e) {
            throw PgErrors.translate("storing approval " + a.id(), e);
        }
        if (inserted == 0) {
            throw new IllegalArgumentException("approval " + a.id() + " already exists");
        }
    }

    @Override
    public Optional<Approval> find(String id) {
        Objects.requireNonNull(id, "id");
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM approvals WHERE id = :id")
                    .bind("id", id)
                    .map(PostgresApprovalStore::map)
                    .findOne());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading approval " + id, e);
        }
    }

    /**
     * Approving or rejecting needs the row still pending and not expired by the database clock; expiring needs it
     * pending only.
     */
    @Override
    public boolean transition(Approval next) {
        Objects.requireNonNull(next, "next");
        String unexpired = next.state() == ApprovalState.EXPIRED ? "" : " AND expires_at > now()";
        return updatedRow(
                "deciding approval " + next.id(),
                "UPDATE approvals SET state = :state, decided_by = :decidedBy, decided_at = :decidedAt,"
                        + " reason = :reason WHERE id = :id AND state = 'pending'" + unexpired + " RETURNING id",
                q -> q.bind("id", next.id())
                        .bind("state", next.state().wireName())
                        .bind("decidedBy", next.decidedBy().orElse(null))
                        .bind(
                                "decidedAt",
                                next.decidedAt().map(PostgresApprovalStore::at).orElse(null))
                        .bind("reason", next.reason().orElse(null)));
    }

    @Override
    public boolean markExecuted(String id, Instant at) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(at, "at");
        return updatedRow(
                "marking approval " + id + " executed",
                "UPDATE approvals SET executed_at = :at WHERE id = :id AND state = 'approved' AND executed_at IS NULL"
                        + " RETURNING id",
                q -> q.bind("id", id).bind("at", at(at)));
    }

    /** One conditional {@code UPDATE}: approved, executed and no result yet (V6 adds the column). */
    @Override
    public boolean recordResult(String id, ExecutedStep result) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(result, "result");
        return updatedRow(
                "recording the result of approval " + id,
                "UPDATE approvals SET result = CAST(:result AS jsonb) WHERE id = :id AND state = 'approved'"
                        + " AND executed_at IS NOT NULL AND result IS NULL RETURNING id",
                q -> q.bind("id", id).bind("result", Json.write(resultJson(result))));
    }

    /** Runs one conditional {@code UPDATE … RETURNING id}; whether it changed the row. */
    private boolean updatedRow(String what, String sql, Consumer<Query> binds) {
        try {
            return jdbi.withHandle(h -> {
                        Query q = h.createQuery(sql);
                        binds.accept(q);
                        return q.mapTo(String.class).findOne();
                    })
                    .isPresent();
        } catch (JdbiException e) {
            throw PgErrors.translate(what, e);
        }
    }

    /** The stored form: {@code {"outcome", "summary"?, "data", "error"?}}. */
    private static Map<String, Object> resultJson(ExecutedStep step) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("outcome", step.outcome().wireName());
        step.summary().ifPresent(v -> m.put("summary", v));
        m.put("data", step.data());
        step.error().ifPresent(v -> m.put("error", v));
        return m;
    }

    private static Optional<ExecutedStep> result(String json) {
        if (json == null) {
            return Optional.empty();
        }
        Map<String, Object> m = Json.readObject(json);
        @SuppressWarnings("unchecked") // written by resultJson: "data" is a JSON object
        Map<String, Object> data = (Map<String, Object>) m.getOrDefault("data", Map.of());
        return Optional.of(new ExecutedStep(
                CallOutcome.valueOf(String.valueOf(m.get("outcome")).toUpperCase(Locale.ROOT)),
                Optional.ofNullable((String) m.get("summary")),
                data,
                Optional.ofNullable((String) m.get("error"))));
    }

    @Override
    public List<Approval> pending() {
        try {
            return jdbi.withHandle(h -> h.createQuery(
                            "SELECT " + COLUMNS + " FROM approvals WHERE state = 'pending' ORDER BY created_at, id")
                    .map(PostgresApprovalStore::map)
                    .list());
        } catch (JdbiException e) {
            throw PgErrors.translate("listing pending approvals", e);
        }
    }

    private static OffsetDateTime at(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Optional<Instant> instant(ResultSet rs, String column) throws SQLException {
        return Optional.ofNullable(rs.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }

    private static Set<String> strings(ResultSet rs, String column) throws SQLException {
        Array array = rs.getArray(column);
        return array == null ? Set.of() : Set.of((String[]) array.getArray());
    }

    private static Approval map(ResultSet rs, StatementContext ctx) throws SQLException {
        Principal requester = new Principal(
                rs.getString("requester_subject"),
                strings(rs, "requester_roles"),
                strings(rs, "requester_groups"),
                Optional.ofNullable(rs.getString("requester_tenant")));
        return Approval.builder()
                .withId(rs.getString("id"))
                .withTool(rs.getString("tool"))
                .withArguments(Json.readObject(rs.getString("arguments")))
                .withRequester(requester)
                .withRunId(rs.getString("run_id"))
                .withRequestId(rs.getString("request_id"))
                .withIdempotencyKey(Optional.ofNullable(rs.getString("idempotency_key")))
                .withLanguage(Language.valueOf(rs.getString("language")))
                .withCreatedAt(instant(rs, "created_at").orElseThrow())
                .withExpiresAt(instant(rs, "expires_at").orElseThrow())
                .withState(ApprovalState.valueOf(rs.getString("state").toUpperCase(Locale.ROOT)))
                .withDecidedBy(Optional.ofNullable(rs.getString("decided_by")))
                .withDecidedAt(instant(rs, "decided_at"))
                .withReason(Optional.ofNullable(rs.getString("reason")))
                .withExecutedAt(instant(rs, "executed_at"))
                .withResult(result(rs.getString("result")))
                .build();
    }
}
