package com.astradesk.server.http;

import com.astradesk.core.agent.AgentRequest;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a queued run carries (JSON in the work item): the agent request and the requester as verified at submission
 * (subject, roles, groups, tenant; never the token). Immutable.
 *
 * @param agent     the agent's name
 * @param request   the request, its run id the queued run's id
 * @param requester who asked
 */
record AsyncRunPayload(String agent, AgentRequest request, Principal requester) {

    String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("agent", agent);
        m.put("input", request.input());
        m.put("meta", request.meta());
        m.put("request_id", request.requestId());
        request.idempotencyKey().ifPresent(k -> m.put("idempotency_key", k));
        request.traceId().ifPresent(t -> m.put("trace_id", t));
        request.conversationId().ifPresent(c -> m.put("conversation_id", c));
        m.put("run_id", request.runId().orElseThrow());
        Map<String, Object> who = new LinkedHashMap<>();
        who.put("sub", requester.subject());
        who.put("roles", List.copyOf(requester.roles()));
        who.put("groups", List.copyOf(requester.groups()));
        requester.tenant().ifPresent(t -> who.put("tenant", t));
        m.put("requester", who);
        return ServerJson.write(m);
    }

    static AsyncRunPayload parse(String json) {
        try {
            JsonNode n = ServerJson.mapper().readTree(json);
            JsonNode who = n.path("requester");
            Principal requester = new Principal(
                    who.path("sub").asText(),
                    strings(who.path("roles")),
                    strings(who.path("groups")),
                    Optional.ofNullable(who.get("tenant")).map(JsonNode::asText));
            @SuppressWarnings("unchecked")
            Map<String, Object> meta = ServerJson.mapper().convertValue(n.path("meta"), Map.class);
            AgentRequest request = new AgentRequest(
                    n.path("input").asText(),
                    meta,
                    n.path("request_id").asText(),
                    Optional.ofNullable(n.get("idempotency_key")).map(JsonNode::asText),
                    Optional.ofNullable(n.get("trace_id")).map(JsonNode::asText),
                    Optional.ofNullable(n.get("conversation_id")).map(JsonNode::asText),
                    Optional.of(n.path("run_id").asText()));
            return new AsyncRunPayload(n.path("agent").asText(), request, requester);
        } catch (IOException e) {
            throw new UncheckedIOException("queued run is not valid JSON", e);
        }
    }

    private static Set<String> strings(JsonNode array) {
        Set<String> out = new LinkedHashSet<>();
        array.forEach(v -> out.add(v.asText()));
        return out;
    }
}
