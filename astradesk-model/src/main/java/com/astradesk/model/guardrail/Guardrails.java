package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.InputGuardrail;
import com.astradesk.core.guardrail.OutputGuardrail;
import java.util.List;

/** The stock guardrail sets the gateway installs unless told otherwise. Stateless. */
public final class Guardrails {
    private Guardrails() {}

    /** Input: conversation length limit ({@code maxInputChars}), then the prompt-injection blocklist. */
    public static List<InputGuardrail> defaultInput(int maxInputChars) {
        return List.of(new InputLengthGuardrail(maxInputChars), PromptInjectionGuardrail.withDefaults());
    }

    /** Output: length cut ({@code maxOutputChars}), secret-leak blocklist, JSON Schema (when the request has one). */
    public static List<OutputGuardrail> defaultOutput(int maxOutputChars) {
        return List.of(
                new OutputLengthGuardrail(maxOutputChars),
                OutputBlocklistGuardrail.withDefaults(),
                new JsonSchemaGuardrail());
    }
}
