package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.guardrail.InputGuardrail;
import com.astradesk.core.model.ChatRequest;

/** Refuses a conversation longer than a number of characters. Rule name {@value #RULE}. Immutable. */
public final class InputLengthGuardrail implements InputGuardrail {
    /** The rule this guardrail reports. */
    public static final String RULE = "max_input_length";

    private final int maxChars;

    /** @param maxChars the limit for all messages together, ≥ 1 */
    public InputLengthGuardrail(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    @Override
    public GuardrailResult check(ChatRequest request) {
        long total =
                request.messages().stream().mapToLong(m -> m.content().length()).sum();
        return total > maxChars
                ? GuardrailResult.failure(RULE, "conversation has " + total + " characters; the limit is " + maxChars)
                : GuardrailResult.pass();
    }
}
