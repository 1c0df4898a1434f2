package com.astradesk.server.gateway;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatParameters;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatRole;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One {@code POST /v1/chat/completions} body read into the gateway's {@link ChatRequest}: {@code model},
 * {@code messages} (roles {@code system}, {@code developer}, {@code user}, {@code assistant}; content a string or
 * text parts), {@code temperature}, {@code top_p}, {@code max_tokens} / {@code max_completion_tokens},
 * {@code response_format} ({@code text}, {@code json_object}, {@code json_schema}), {@code stream},
 * {@code stream_options.include_usage} and {@code n} (1 only). Tool calling is refused; other fields are ignored.
 * Immutable.
 *
 * @param model        the model asked for
 * @param chat         the gateway request
 * @param stream       whether to answer with server-sent chunks
 * @param includeUsage whether a streamed answer ends with a usage chunk
 * @param promptChars  characters of the conversation (a token estimate when the provider reports none)
 */
record CompletionRequest(String model, ChatRequest chat, boolean stream, boolean includeUsage, int promptChars) {

    /**
     * Reads a body.
     *
     * @throws OpenAiError 400 naming the offending field
     */
    static CompletionRequest from(ObjectNode body) {
        String model = text(body, "model").orElseThrow(() -> missing("model"));
        if (model.isBlank()) {
            throw OpenAiError.invalid("model", "invalid_value", "'model' must not be blank");
        }
        for (String unsupported : List.of("tools", "functions", "tool_choice", "function_call")) {
            JsonNode v = body.get(unsupported);
            if (v != null && !v.isNull() && !(v.isArray() && v.isEmpty())) {
                throw OpenAiError.invalid(
                        unsupported, "unsupported_parameter", "'" + unsupported + "' is not supported by this gateway");
            }
        }
        JsonNode n = body.get("n");
        if (n != null && !n.isNull() && !(n.canConvertToInt() && n.asInt() == 1)) {
            throw OpenAiError.invalid("n", "unsupported_value", "'n' must be 1: this gateway returns one choice");
        }
        JsonNode messagesNode = body.get("messages");
        if (messagesNode == null || messagesNode.isNull()) {
            throw missing("messages");
        }
        if (!messagesNode.isArray() || messagesNode.isEmpty()) {
            throw OpenAiError.invalid("messages", "invalid_value", "'messages' must be a non-empty array");
        }
        List<ChatMessage> messages = new ArrayList<>();
        int chars = 0;
        for (int i = 0; i < messagesNode.size(); i++) {
            ChatMessage message = message(messagesNode.get(i), i);
            chars += message.content().length();
            messages.add(message);
        }
        Optional<Double> temperature = number(body, "temperature", 0, 2);
        Optional<Double> topP = number(body, "top_p", 0, 1);
        Optional<Integer> maxTokens =
                positiveInt(body, "max_completion_tokens").or(() -> positiveInt(body, "max_tokens"));
        Optional<Map<String, Object>> schema = responseSchema(body.get("response_format"));
        boolean stream = bool(body, "stream");
        JsonNode options = body.get("stream_options");
        boolean includeUsage = options != null && options.isObject() && bool((ObjectNode) options, "include_usage");
        return new CompletionRequest(
                model,
                new ChatRequest(messages, new ChatParameters(temperature, topP, maxTokens), schema),
                stream,
                includeUsage,
                chars);
    }

    private static ChatMessage message(JsonNode node, int index) {
        String at = "messages[" + index + "]";
        if (node == null || !node.isObject()) {
            throw OpenAiError.invalid(at, "invalid_type", "'" + at + "' must be an object");
        }
        String role = text((ObjectNode) node, "role")
                .orElseThrow(() -> missing(at + ".role"))
                .toLowerCase(Locale.ROOT);
        ChatRole chatRole = switch (role) {
            case "system", "developer" -> ChatRole.SYSTEM;
            case "user" -> ChatRole.USER;
            case "assistant" -> ChatRole.ASSISTANT;
            case "tool", "function" ->
                throw OpenAiError.invalid(
                        at + ".role", "unsupported_value", "'" + role + "' messages are not supported by this gateway");
            default ->
                throw OpenAiError.invalid(
                        at + ".role",
                        "invalid_value",
                        "'" + at + ".role' must be system, developer, user or assistant");
        };
        return new ChatMessage(chatRole, content(node.get("content"), at + ".content"));
    }

    /** A string, or an array of {@code {"type":"text","text":...}} parts joined. */
    private static String content(JsonNode node, String at) {
        if (node == null || node.isNull()) {
            throw missing(at);
        }
        if (node.isTextual()) {
            return node.asText();
        }
        if (node.isArray()) {
            StringBuilder text = new StringBuilder();
            for (JsonNode part : node) {
                if (!part.isObject()
                        || !"text".equals(part.path("type").asText())
                        || !part.path("text").isTextual()) {
                    throw OpenAiError.invalid(
                            at, "unsupported_value", "'" + at + "' parts must be {\"type\":\"text\",\"text\":...}");
                }
                text.append(part.get("text").asText());
            }
            return text.toString();
        }
        throw OpenAiError.invalid(at, "invalid_type", "'" + at + "' must be a string or an array of text parts");
    }

    private static Optional<Map<String, Object>> responseSchema(JsonNode format) {
        if (format == null || format.isNull()) {
            return Optional.empty();
        }
        String type = format.path("type").asText("");
        return switch (type) {
            case "text" -> Optional.empty();
            case "json_object" -> Optional.of(Map.of("type", "object"));
            case "json_schema" -> {
                JsonNode schema = format.path("json_schema").path("schema");
                if (!schema.isObject()) {
                    throw OpenAiError.invalid(
                            "response_format.json_schema.schema", "invalid_value", "a JSON Schema object is required");
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> map = ServerJson.mapper().convertValue(schema, Map.class);
                yield Optional.of(map);
            }
            default ->
                throw OpenAiError.invalid(
                        "response_format.type",
                        "invalid_value",
                        "'response_format.type' must be text, json_object or json_schema");
        };
    }

    private static Optional<String> text(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isTextual()) {
            throw OpenAiError.invalid(field, "invalid_type", "'" + field + "' must be a string");
        }
        return Optional.of(v.asText());
    }

    private static Optional<Double> number(ObjectNode body, String field, double min, double max) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.isNumber() || v.asDouble() < min || v.asDouble() > max) {
            throw OpenAiError.invalid(
                    field, "invalid_value", "'" + field + "' must be a number from " + min + " to " + max);
        }
        return Optional.of(v.asDouble());
    }

    private static Optional<Integer> positiveInt(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return Optional.empty();
        }
        if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
            throw OpenAiError.invalid(field, "invalid_value", "'" + field + "' must be a positive integer");
        }
        return Optional.of(v.asInt());
    }

    private static boolean bool(ObjectNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            throw OpenAiError.invalid(field, "invalid_type", "'" + field + "' must be a boolean");
        }
        return v.asBoolean();
    }

    private static OpenAiError missing(String field) {
        return OpenAiError.invalid(field, "missing_required_parameter", "missing required parameter: '" + field + "'");
    }
}
