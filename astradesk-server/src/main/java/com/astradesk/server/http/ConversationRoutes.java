package com.astradesk.server.http;

import com.astradesk.core.StoreUnavailableException;
import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.ConversationNotFoundException;
import com.astradesk.core.memory.ConversationCursor;
import com.astradesk.core.memory.ConversationPage;
import com.astradesk.core.memory.ConversationSummary;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code GET /v1/conversations}: the caller's own conversations, latest activity first, {@code limit} per page
 * and an opaque {@code cursor} for the next page. {@code GET /v1/conversations/{id}}: the conversation's turns,
 * oldest first, as stored (redacted). Only its subject may read it; any other caller, like an unknown id, gets
 * 404. A dialogue store outage answers {@code 503} ({@code service_unavailable}, {@code Retry-After}). Thread-safe.
 */
final class ConversationRoutes {
    /** Most turns returned. */
    static final int MAX_TURNS = 200;
    /** Most conversations per page. */
    static final int MAX_LIMIT = 100;
    /** Conversations per page when the caller does not say. */
    static final int DEFAULT_LIMIT = 20;

    private static final Set<String> LIST_PARAMETERS = Set.of("limit", "cursor");
    private static final String CURSOR_PREFIX = "c1:";

    private final DialogueStore dialogues;

    ConversationRoutes(DialogueStore dialogues) {
        this.dialogues = Objects.requireNonNull(dialogues, "dialogues");
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/conversations", this::list);
        routes.get("/v1/conversations/{id}", this::get);
    }

    private void list(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        int limit = DEFAULT_LIMIT;
        Optional<ConversationCursor> after = Optional.empty();
        for (Map.Entry<String, List<String>> e : ctx.queryParamMap().entrySet()) {
            String name = e.getKey();
            if (!LIST_PARAMETERS.contains(name)) {
                throw RequestRejectedException.invalidField(
                        "invalid_field", safe(name), "unknown query parameter; use cursor, limit");
            }
            if (e.getValue().size() != 1) {
                throw RequestRejectedException.invalidField(
                        "invalid_field", name, "query parameter '" + name + "' must be given once");
            }
            String value = e.getValue().get(0);
            if (name.equals("limit")) {
                limit = limit(value);
            } else {
                after = Optional.of(cursor(value));
            }
        }
        int pageSize = limit;
        Optional<ConversationCursor> from = after;
        ConversationPage page = fromStore(() -> dialogues.conversationsOf(caller.subject(), pageSize, from));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "conversations",
                page.conversations().stream().map(ConversationRoutes::summary).toList());
        body.put("next_cursor", page.next().map(ConversationRoutes::cursorOf).orElse(null));
        ctx.header("Cache-Control", "no-store");
        ctx.contentType("application/json").result(ServerJson.write(body));
    }

    private static int limit(String v) {
        try {
            int n = Integer.parseInt(v);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw RequestRejectedException.invalidField(
                "invalid_field", "limit", "'limit' must be an integer from 1 to " + MAX_LIMIT);
    }

    static String cursorOf(ConversationCursor c) {
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString((CURSOR_PREFIX + c.lastActivityAt() + "|" + c.conversationId())
                        .getBytes(StandardCharsets.UTF_8));
    }

    private static ConversationCursor cursor(String v) {
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(v), StandardCharsets.UTF_8);
            int bar = decoded.indexOf('|');
            if (decoded.startsWith(CURSOR_PREFIX) && bar > 0) {
                Instant at = Instant.parse(decoded.substring(CURSOR_PREFIX.length(), bar));
                String id = decoded.substring(bar + 1);
                if (AgentRequest.CONVERSATION_ID.matcher(id).matches()) {
                    return new ConversationCursor(at, id);
                }
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            // reported below
        }
        throw RequestRejectedException.invalidField(
                "invalid_field", "cursor", "'cursor' must be a next_cursor value from a previous page");
    }

    private static Map<String, Object> summary(ConversationSummary c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("conversation_id", c.conversationId());
        m.put("agent", c.agent());
        m.put("title", c.title());
        m.put("turns", c.turns());
        m.put("started_at", c.startedAt().toString());
        m.put("last_activity_at", c.lastActivityAt().toString());
        return m;
    }

    private static String safe(String name) {
        String clean = name.replaceAll("[^A-Za-z0-9_.-]", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "..." : clean;
    }

    private void get(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        String id = ctx.pathParam("id");
        if (!AgentRequest.CONVERSATION_ID.matcher(id).matches()) {
            throw new ConversationNotFoundException(
                    id.replaceAll("[^A-Za-z0-9._:-]", "?").substring(0, Math.min(id.length(), 128)));
        }
        List<DialogueRecord> turns = fromStore(() -> dialogues.conversation(id, MAX_TURNS));
        if (turns.isEmpty() || turns.stream().anyMatch(t -> !t.actor().equals(caller.subject()))) {
            throw new ConversationNotFoundException(id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversation_id", id);
        body.put("turns", turns.stream().map(ConversationRoutes::turn).toList());
        ctx.contentType("application/json").result(ServerJson.write(body));
    }

    /** A read of the dialogue store; an outage becomes {@code 503} with {@code Retry-After}, as on other routes. */
    private static <T> T fromStore(Supplier<T> read) {
        try {
            return read.get();
        } catch (StoreUnavailableException e) {
            throw new ServiceUnavailableException("the conversation store is unavailable; retry later", e);
        }
    }

    private static Map<String, Object> turn(DialogueRecord r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run_id", r.runId());
        m.put("agent", r.agent());
        m.put("input", r.query());
        m.put("output", r.answer());
        m.put("created_at", r.createdAt().toString());
        Object plan = r.meta().get("plan");
        if (plan != null) {
            m.put("plan", plan);
        }
        Object used = r.meta().get("used_tools");
        m.put("used_tools", used == null ? List.of() : used);
        return m;
    }
}
