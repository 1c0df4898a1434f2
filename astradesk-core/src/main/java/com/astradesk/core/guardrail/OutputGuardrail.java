package com.astradesk.core.guardrail;

import com.astradesk.core.model.ChatRequest;

/**
 * Checks a model's answer. A {@linkplain #incremental() incremental} guardrail also runs on every growth of a
 * streamed answer (it must then judge a prefix: length limits, blocklists); the others run once on the whole
 * answer (e.g. JSON Schema). Implementations must be thread-safe.
 */
public interface OutputGuardrail {

    /**
     * Checks the answer (or, for incremental guardrails while streaming, the text received so far).
     *
     * @param output  the answer text
     * @param request the request that produced it (e.g. for its response schema)
     * @return pass, truncate (keep a prefix and stop) or a failure naming the rule
     */
    GuardrailResult check(String output, ChatRequest request);

    /** Whether this guardrail can judge a partial answer while it streams. Default: no. */
    default boolean incremental() {
        return false;
    }
}
