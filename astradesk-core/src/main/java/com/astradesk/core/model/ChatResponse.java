package com.astradesk.core.model;

import java.util.Objects;

/**
 * A model's answer. Immutable.
 *
 * @param content  the text (JSON when a schema was requested)
 * @param usage    token usage
 * @param provider the provider that answered (e.g. {@code openai})
 * @param model    the model name
 */
public record ChatResponse(String content, TokenUsage usage, String provider, String model) {
    public ChatResponse {
        Objects.requireNonNull(content, "content");
        usage = Objects.requireNonNullElse(usage, TokenUsage.NONE);
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(model, "model");
    }
}
