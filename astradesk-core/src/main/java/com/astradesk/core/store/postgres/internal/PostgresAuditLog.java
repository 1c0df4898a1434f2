package com.astradesk.core.store.postgres.internal;

import com.astradesk.core.audit.AuditEntry;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPage;
import com.astradesk.core.audit.AuditQuery;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.ChainStatus;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;
import org.jdbi.v3.core.statement.Query;

/**
 * Hash-chained audit log in table {@code audits}; one chain per database; a record's position is its row id.
 * Thread-safe.
 */
final class PostgresAuditLog implements AuditLog {
    /** The common values V7's partial indexes leave out (a constant, never user input, in the SQL). */
    private static final String COMMON_ACTION = "agents.run";

    private static final String COMMON_DECISION = "allowed";

    private final Jdbi jdbi;

    PostgresAuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    @Override
    public List<AuditRecord> append(List<AuditRecord> records) {
        List<AuditRecord> batch = List.copyOf(Objects.requireNonNull(records, "records"));
        try {
            return jdbi.inTransaction(h -> AuditRows.appendChained(h, batch));
        } catch (JdbiException e) {
            throw PgErrors.translate("appending audit records", e);
        }
    }

    @Override
    public List<AuditRecord> recent(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT payload::text FROM (SELECT id, payload FROM audits"
                            + " ORDER BY id DESC LIMIT :limit) newest ORDER BY id")
                    .bind("limit", limit)
                    .mapTo(String.class)
                    .map(AuditRows::fromWire)
                    .list());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading audit records", e);
        }
    }

    @Override
    public List<AuditRecord> forRun(String runId) {
        Objects.requireNonNull(runId, "runId");
        try {
            return jdbi.withHandle(
                    h -> h.createQuery("SELECT payload::text FROM audits WHERE run_id = :runId ORDER BY id")
                            .bind("runId", runId)
                            .mapTo(String.class)
                            .map(AuditRows::fromWire)
                            .list());
        } catch (JdbiException e) {
            throw PgErrors.translate("reading audit records", e);
        }
    }

    @Override
    public AuditPage query(AuditQuery query) {
        Objects.requireNonNull(query, "query");
        Statement statement = statement(query);
        try {
            List<AuditEntry> rows = jdbi.withHandle(h -> {
                Query q = h.createQuery(statement.sql());
                statement.binds().forEach(q::bind);
                return q.map((rs, ctx) -> {
                            AuditRecord stored = AuditRows.fromWire(rs.getString("payload"))
                                    .chained(Optional.ofNullable(rs.getString("prev_hash")), rs.getString("hash"));
                            rs.getLong("succ_id");
                            boolean hasSuccessor = !rs.wasNull();
                            ChainStatus status = ChainStatus.of(
                                    Optional.ofNullable(rs.getString("pred_hash")),
                                    stored,
                                    hasSuccessor,
                                    Optional.ofNullable(rs.getString("succ_prev")));
                            return new AuditEntry(rs.getLong("id"), stored, status);
                        })
                        .list();
            });
            boolean more = rows.size() > query.limit();
            List<AuditEntry> page = new ArrayList<>(more ? rows.subList(0, query.limit()) : rows);
            return new AuditPage(
                    page, more ? OptionalLong.of(page.get(page.size() - 1).position()) : OptionalLong.empty());
        } catch (JdbiException e) {
            throw PgErrors.translate("querying audit records", e);
        }
    }

    /** A query's SQL and its bound values. */
    record Statement(String sql, Map<String, Object> binds) {}

    /**
     * The SQL of {@code query}: the filters, then the cursor order (id DESC); V5's and V7's indexes pair each filter
     * with that order.
     */
    static Statement statement(AuditQuery query) {
        StringBuilder where = new StringBuilder("TRUE");
        Map<String, Object> binds = new LinkedHashMap<>();
        query.actor().ifPresent(v -> condition(where, binds, "a.actor = :actor", "actor", v));
        query.action()
                .ifPresent(v -> condition(
                        where, binds, "a.action = :action" + rare(v, COMMON_ACTION, "a.action"), "action", v));
        query.decision()
                .ifPresent(v -> condition(
                        where,
                        binds,
                        "a.decision = :decision" + rare(v.wireName(), COMMON_DECISION, "a.decision"),
                        "decision",
                        v.wireName()));
        query.tool().ifPresent(v -> condition(where, binds, "a.payload->>'tool' = :tool", "tool", v));
        query.from().ifPresent(v -> condition(where, binds, "a.ts >= :from", "from", utc(v)));
        query.to().ifPresent(v -> condition(where, binds, "a.ts < :to", "to", utc(v)));
        query.before().ifPresent(v -> condition(where, binds, "a.id < :before", "before", v));
        binds.put("limit", query.limit() + 1);
        // each row with its neighbours in the chain: the hash before it and the link of the row after it
        String sql = "SELECT a.id, a.payload::text AS payload, a.prev_hash, a.hash,"
                + " (SELECT p.hash FROM audits p WHERE p.id < a.id ORDER BY p.id DESC LIMIT 1) AS pred_hash,"
                + " s.id AS succ_id, s.prev_hash AS succ_prev"
                + " FROM audits a LEFT JOIN LATERAL (SELECT id, prev_hash FROM audits n WHERE n.id > a.id"
                + " ORDER BY n.id LIMIT 1) s ON TRUE"
                + " WHERE " + where + " ORDER BY a.id DESC LIMIT :limit";
        return new Statement(sql, binds);
    }

    /**
     * For a rare value, the literal predicate of V7's partial index on {@code column}, so that the planner proves
     * it even in a generic plan of the prepared statement (a bound parameter proves nothing); empty for the common
     * value, whose rows the primary key serves.
     */
    private static String rare(String value, String common, String column) {
        return value.equals(common) ? "" : " AND " + column + " <> '" + common + "'";
    }

    private static void condition(StringBuilder where, Map<String, Object> binds, String sql, String name, Object v) {
        where.append(" AND ").append(sql);
        binds.put(name, v);
    }

    private static OffsetDateTime utc(java.time.Instant at) {
        return OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }
}
