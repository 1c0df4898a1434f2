package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.guardrail.OutputGuardrail;
import com.astradesk.core.model.ChatRequest;

/**
 * Cuts an answer at a number of characters; a streamed answer ends there. Rule name {@value #RULE}.
 * Incremental. Immutable.
 */
public final class OutputLengthGuardrail implements OutputGuardrail {
    /** The rule this guardrail reports. */
    public static final String RULE = "max_output_length";

    private final int maxChars;

    /** @param maxChars the limit, ≥ 1 */
    public OutputLengthGuardrail(int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be >= 1, was " + maxChars);
        }
        this.maxChars = maxChars;
    }

    @Override
    public GuardrailResult check(String output, ChatRequest request) {
        return output.length() > maxChars ? GuardrailResult.truncate(RULE, maxChars) : GuardrailResult.pass();
    }

    @Override
    public boolean incremental() {
        return true;
    }
}
