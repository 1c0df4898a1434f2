package com.astradesk.server.http;

import com.astradesk.core.agent.AgentRequest;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The body of {@code POST /v1/agents/run}: {@code {"agent", "input", "meta", "conversation_id"}}. Unknown members
 * are ignored. Immutable.
 *
 * @param agent          the agent's name
 * @param input          the user's text (1..8000 characters, any Unicode)
 * @param meta           caller metadata (may be empty)
 * @param conversationId the conversation to continue, when given
 */
record RunRequest(String agent, String input, Map<String, Object> meta, Optional<String> conversationId) {
    RunRequest {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(input, "input");
        meta = Map.copyOf(meta);
        Objects.requireNonNull(conversationId, "conversationId");
    }

    /**
     * Validates and reads the body.
     *
     * @throws RequestRejectedException 400 naming the field that is missing or invalid
     */
    static RunRequest from(ObjectNode body) {
        String agent = requiredString(body, "agent");
        if (agent.isBlank()) {
            throw RequestRejectedException.invalidField("invalid_field", "agent", "field 'agent' must not be blank");
        }
        String input = requiredString(body, "input");
        if (input.isBlank()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", "input", "field 'input' must contain at least one non-blank character");
        }
        if (input.length() > AgentRequest.MAX_INPUT_LENGTH) {
            throw RequestRejectedException.invalidField(
                    "invalid_field",
                    "input",
                    "field 'input' must be at most " + AgentRequest.MAX_INPUT_LENGTH + " characters, was "
                            + input.length());
        }
        if (!JsonBodies.isCleanText(input)) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", "input", "field 'input' must be Unicode text without NUL characters");
        }
        JsonNode metaNode = body.get("meta");
        Map<String, Object> meta = Map.of();
        if (metaNode != null && !metaNode.isNull()) {
            if (!metaNode.isObject()) {
                throw RequestRejectedException.invalidField(
                        "invalid_field", "meta", "field 'meta' must be a JSON object");
            }
            if (!isClean(metaNode)) {
                throw RequestRejectedException.invalidField(
                        "invalid_field", "meta", "field 'meta' must not contain NUL characters or broken Unicode");
            }
            meta = ServerJson.mapper()
                    .convertValue(
                            metaNode,
                            ServerJson.mapper()
                                    .getTypeFactory()
                                    .constructMapType(Map.class, String.class, Object.class));
        }
        return new RunRequest(agent.trim(), input, meta, conversationId(body));
    }

    private static Optional<String> conversationId(ObjectNode body) {
        JsonNode node = body.get("conversation_id");
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field",
                    "conversation_id",
                    "field 'conversation_id' must be a string, was " + typeOf(node));
        }
        if (!AgentRequest.CONVERSATION_ID.matcher(node.textValue()).matches()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field",
                    "conversation_id",
                    "field 'conversation_id' must be 1..128 letters, digits or . _ : - (as returned by a run)");
        }
        return Optional.of(node.textValue());
    }

    private static String requiredString(ObjectNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            throw RequestRejectedException.invalidField("missing_field", field, "field '" + field + "' is required");
        }
        if (!node.isTextual()) {
            throw RequestRejectedException.invalidField(
                    "invalid_field", field, "field '" + field + "' must be a string, was " + typeOf(node));
        }
        return node.textValue();
    }

    private static String typeOf(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> "not a string";
        };
    }

    private static boolean isClean(JsonNode node) {
        if (node.isTextual()) {
            return JsonBodies.isCleanText(node.textValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (!JsonBodies.isCleanText(e.getKey()) || !isClean(e.getValue())) {
                    return false;
                }
            }
            return true;
        }
        if (node.isArray()) {
            for (JsonNode child : node) {
                if (!isClean(child)) {
                    return false;
                }
            }
        }
        return true;
    }
}
