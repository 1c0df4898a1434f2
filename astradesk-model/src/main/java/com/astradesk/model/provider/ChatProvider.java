package com.astradesk.model.provider;

import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;

/**
 * One model provider behind the gateway: performs exactly one call, nothing else. The gateway's template
 * normalizes, validates, clamps and guards the request before, retries/times out/breaks around, and guards
 * the answer after. Implementations must be thread-safe, must not retry on their own, and must report
 * failures as {@link com.astradesk.core.model.ModelException} subclasses
 * ({@link com.astradesk.core.model.ProviderOverloadedException} with the {@code Retry-After} wait,
 * {@link com.astradesk.core.model.ProviderServerException}, {@link com.astradesk.core.model.ModelTimeoutException})
 * so the gateway can tell retriable failures apart.
 */
public interface ChatProvider {

    /** The provider's name as reported in responses and metrics (e.g. {@code openai}). */
    String name();

    /** The model name. */
    String model();

    /**
     * One non-streamed completion of an already prepared request (parameters clamped and present).
     *
     * @throws com.astradesk.core.model.ModelException naming the failure
     */
    ChatResponse doChat(ChatRequest request);

    /**
     * One streamed completion. Blocks until the stream ends or {@code sink} asks to stop; calls {@code sink}
     * on the calling thread or a provider thread, never concurrently.
     *
     * @return the response; after an early stop its content is what was streamed so far
     * @throws com.astradesk.core.model.ModelException naming the failure
     */
    ChatResponse doStream(ChatRequest request, TokenSink sink);
}
