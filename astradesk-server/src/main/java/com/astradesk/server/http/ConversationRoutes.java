package com.astradesk.server.http;

import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.agent.ConversationNotFoundException;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.DialogueStore;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * {@code GET /v1/conversations/{id}}: the conversation's turns, oldest first, as stored (redacted). Only its
 * subject may read it; any other caller, like an unknown id, gets 404. Thread-safe.
 */
final class ConversationRoutes {
    /** Most turns returned. */
    static final int MAX_TURNS = 200;

    private final DialogueStore dialogues;

    ConversationRoutes(DialogueStore dialogues) {
        this.dialogues = Objects.requireNonNull(dialogues, "dialogues");
    }

    void register(RoutesConfig routes) {
        routes.get("/v1/conversations/{id}", this::get);
    }

    private void get(Context ctx) {
        Principal caller = AuthHandler.principal(ctx);
        String id = ctx.pathParam("id");
        if (!AgentRequest.CONVERSATION_ID.matcher(id).matches()) {
            throw new ConversationNotFoundException(
                    id.replaceAll("[^A-Za-z0-9._:-]", "?").substring(0, Math.min(id.length(), 128)));
        }
        List<DialogueRecord> turns = dialogues.conversation(id, MAX_TURNS);
        if (turns.isEmpty() || turns.stream().anyMatch(t -> !t.actor().equals(caller.subject()))) {
            throw new ConversationNotFoundException(id);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("conversation_id", id);
        body.put("turns", turns.stream().map(ConversationRoutes::turn).toList());
        ctx.contentType("application/json").result(ServerJson.write(body));
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
