package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.InputGuardrail;
import com.astradesk.core.guardrail.OutputGuardrail;
import com.astradesk.model.ModelLimits;
import java.util.List;

/** The stock guardrail sets the gateway installs unless told otherwise. Stateless. */
public final class Guardrails {
    private Guardrails() {}

    /** Input: conversation length limit, then the prompt-injection blocklist. */
    public static List<InputGuardrail> defaultInput(ModelLimits limits) {
        return List.of(new InputLengthGuardrail(limits.maxInputChars()), PromptInjectionGuardrail.withDefaults());
    }

    /** Output: length cut, secret-leak blocklist, JSON Schema (when the request has one). */
    public static List<OutputGuardrail> defaultOutput(ModelLimits limits) {
        return List.of(
                new OutputLengthGuardrail(limits.maxOutputChars()),
                OutputBlocklistGuardrail.withDefaults(),
                new JsonSchemaGuardrail());
    }
}
