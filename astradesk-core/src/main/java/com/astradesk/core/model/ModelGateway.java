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
     * @throws ModelException (a subclass naming the condition) when the call cannot be completed
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
