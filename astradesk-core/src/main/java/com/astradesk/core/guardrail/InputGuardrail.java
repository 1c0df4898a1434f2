package com.astradesk.core.guardrail;

import com.astradesk.core.model.ChatRequest;

/**
 * Checks a normalized, validated chat request before it reaches the provider (prompt injection, size).
 * Implementations must be thread-safe and must not call a model.
 */
@FunctionalInterface
public interface InputGuardrail {

    /**
     * Checks the request.
     *
     * @return {@link GuardrailResult#pass()} or a {@link GuardrailResult.Failure} naming the rule
     */
    GuardrailResult check(ChatRequest request);
}
