package com.astradesk.core.model;

import java.util.function.Consumer;

/**
 * The one way AstraDesk talks to language models. Every call runs the same template: normalize and validate
 * the conversation → clamp parameters → input guardrails → provider call (timeout, retry honouring
 * {@code Retry-After}, circuit breaker) → output guardrails → token usage. The implementation lives in
 * {@code astradesk-model}. Thread-safe.
 */
public interface ModelGateway {

    /**
     * One chat completion.
     *
     * @throws InvalidConversationException when the conversation is malformed (no provider call is made)
     * @throws GuardrailViolationException when an input or output guardrail refuses the call (names the rule)
     * @throws ProviderOverloadedException when the provider stays rate limited (carries {@code Retry-After})
     * @throws ProviderServerException when the provider fails (says whether a retry makes sense)
     * @throws ModelTimeoutException when the provider does not answer in time
     * @throws CircuitOpenException when the provider's breaker is open (no provider call is made)
     */
    ChatResponse chat(ChatRequest request);

    /**
     * A streamed completion: {@code onToken} receives text as it arrives, output guardrails run as it grows.
     *
     * @return the whole response once the stream ends
     * @throws ModelException when the call fails or a guardrail stops the stream
     */
    ChatResponse stream(ChatRequest request, Consumer<String> onToken);

    /** The provider's name (e.g. {@code openai}, {@code vllm}). */
    String provider();
}
