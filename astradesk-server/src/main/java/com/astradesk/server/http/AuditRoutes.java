package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEntry;
import com.astradesk.core.audit.AuditLog;
import com.astradesk.core.audit.AuditPage;
import com.astradesk.core.audit.AuditQuery;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/audit} (role {@value #ROLE}): the audit log filtered by {@code actor}, {@code action},
 * {@code decision}, {@code tool}, {@code from}/{@code to} (ISO-8601 instants), newest first, {@code limit} per
 * page and an opaque {@code cursor} for the next page; each record carries its chain status. Every call that
 * reaches the route with a valid token is itself audited as {@value #ACTION}. Thread-safe.
 */
final class AuditRoutes {
    /** The role that may read the audit trail. */
    static final String ROLE = "auditor";
    /** The audit action of every read: allowed, or denied (no role). */
    static final String ACTION = "audit.read";

    private static final Set<String> PARAMETERS =
            Set.of("actor", "action", "decision", "tool", "from", "to", "limit", "cursor");
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._:@/+-]{1,256}");
    private static final String CURSOR_PREFIX = "p1:";

    private final AuditLog log;
    private final Consumer<AuditRecord> audit;

    AuditRoutes(AuditLog log, Consumer<AuditRecord> audit) {
        this.log = Objects.requireNonNull(log, "log");
        this.audit = Objects.requireNonNull(audit, "audit");
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/audit", this::list);
    }

    private void list(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        Map<String, String> params = parameters(ctx);
        if (!caller.hasRole(ROLE)) {
            record(ctx, caller, AuditDecision.DENIED, Map.of("filters", params, "required_roles", List.of(ROLE)));
            throw new RequestRejectedException(
                    403,
                    "forbidden",
                    Optional.empty(),
                    "reading the audit trail requires the role " + ROLE,
                    Map.of("required_roles", List.of(ROLE)));
        }
        AuditQuery query = query(params);
        AuditPage page;
        try {
            page = log.query(query);
        } catch (StoreUnavailableException e) {
            throw new ServiceUnavailableException("the audit log is unavailable; retry later", e);
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("filters", params);
        details.put("returned", page.entries().size());
        details.put("chain", page.verified() ? "verified" : "broken");
        record(ctx, caller, AuditDecision.ALLOWED, details);
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(ServerJson.write(wire(page)));
    }

    /** The query parameters, each at most once and each known. */
    private static Map<String, String> parameters(Context ctx) {
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (!PARAMETERS.contains(name)) {
                throw RequestRejectedException.invalidField(
                        "invalid_field",
                        safe(name),
                        "unknown query parameter; use " + String.join(", ", new java.util.TreeSet<>(PARAMETERS)));
            }
            if (e.getValue().size() != 1) {
                throw RequestRejectedException.invalidField(
                        "invalid_field", name, "query parameter '" + name + "' must be given once");
            }
            out.put(name, e.getValue().get(0));
        }
        return out;
    }

    private static AuditQuery query(Map<String, String> p) {
        AuditQuery.Builder b = AuditQuery.builder();
        name(p, "actor").ifPresent(b::withActor);
        name(p, "action").ifPresent(b::withAction);
        name(p, "tool").ifPresent(b::withTool);
        Optional.ofNullable(p.get("decision")).ifPresent(d -> b.withDecision(decision(d)));
        Optional<Instant> from = instant(p, "from");
        Optional<Instant> to = instant(p, "to");
        from.ifPresent(b::withFrom);
        to.ifPresent(b::withTo);
        if (from.isPresent() && to.isPresent() && from.get().isAfter(to.get())) {
            throw RequestRejectedException.invalidField("invalid_field", "from", "'from' must not be after 'to'");
        }
        Optional.ofNullable(p.get("limit")).ifPresent(l -> b.withLimit(limit(l)));
        Optional.ofNullable(p.get("cursor")).ifPresent(c -> b.withBefore(cursor(c)));
        return b.build();
    }

    private static Optional<String> name(Map<String, String> p, String field) {
        String v = p.get(field);
        if (v == null) {
            return Optional.empty();
        }
        if (!NAME.matcher(v).matches()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", field, "'" + field + "' must be 1 to 256 letters, digits or ._:@/+- characters");
        }
        return Optional.of(v);
    }

    private static AuditDecision decision(String v) {
        for (AuditDecision d : AuditDecision.values()) {
            if (d.wireName().equals(v)) {
                return d;
            }
        }
        throw new RequestRejectedException(
                400,
                "invalid_field",
                Optional.of("decision"),
                "'decision' must be one of allowed, denied, error, pending",
                Map.of("valid_decisions", List.of("allowed", "denied", "error", "pending")));
    }

    private static Optional<Instant> instant(Map<String, String> p, String field) {
        String v = p.get(field);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw RequestRejectedException.invalidField(
                    "invalid_field",
                    field,
                    "'" + field + "' must be an ISO-8601 date-time with an offset, e.g. 2026-12-07T12:00:00Z");
        }
    }

    private static int limit(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= AuditQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RequestRejectedException.invalidField(
                "invalid_field", "limit", "'limit' must be an integer from 1 to " + AuditQuery.MAX_LIMIT);
    }

    private static long cursor(String v) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(v), StandardCharsets.UTF_8);
            if (decoded.startsWith(CURSOR_PREFIX)) {
                long position = Long.parseLong(decoded.substring(CURSOR_PREFIX.length()));
                if (position >= 1) {
                    return position;
                }
            }
        } catch (IllegalArgumentException e) {
            // reported below (NumberFormatException is an IllegalArgumentException)
        }
        throw RequestRejectedException.invalidField(
                "invalid_field", "cursor", "'cursor' must be a next_cursor value from a previous page");
    }

    static String cursorOf(long position) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + position).getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> wire(AuditPage page) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (AuditEntry e : page.entries()) {
            Map<String, Object> m = AuditChain.toWire(e.record());
            m.remove("schema_version");
            m.put("chain", e.chain().wireName());
            records.add(m);
        }
        Map<String, Object> chain = new LinkedHashMap<>();
        chain.put("status", page.verified() ? "verified" : "broken");
        chain.put("checked", page.entries().size());
        page.firstBroken()
                .ifPresent(b -> chain.put("first_broken_event_id", b.record().eventId()));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("records", records);
        out.put("chain", chain);
        out.put("next_cursor", page.next().isPresent() ? cursorOf(page.next().getAsLong()) : null);
        return out;
    }

    private void record(Context ctx, Principal caller, AuditDecision decision, Map<String, Object> details) {
        AuditRecord r = AuditRecord.builder()
                .withTs(Instant.now())
                .withActor(caller.subject())
                .withTenant(caller.tenant())
                .withAction(ACTION)
                .withDecision(decision)
                .withArgs(details)
                .withRequestId(RequestIds.of(ctx))
                .build();
        try {
            audit.accept(r);
        } catch (AstraDeskException e) {
            throw new ServiceUnavailableException("the audit log is unavailable; retry later", e);
        }
    }

    private static String safe(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }
}
