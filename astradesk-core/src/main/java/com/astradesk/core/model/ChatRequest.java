package com.astradesk.core.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A chat call. Immutable.
 *
 * @param messages       the conversation, system message first
 * @param parameters     sampling parameters
 * @param responseSchema when present, the answer must be JSON valid against this JSON Schema
 */
public record ChatRequest(
        List<ChatMessage> messages, ChatParameters parameters, Optional<Map<String, Object>> responseSchema) {
    public ChatRequest {
        messages = List.copyOf(messages);
        parameters = Objects.requireNonNullElse(parameters, ChatParameters.defaults());
        responseSchema = Objects.requireNonNullElse(responseSchema, Optional.empty());
    }

    /** A request with default parameters and free-text output. */
    public static ChatRequest of(List<ChatMessage> messages) {
        return new ChatRequest(messages, ChatParameters.defaults(), Optional.empty());
    }
}
