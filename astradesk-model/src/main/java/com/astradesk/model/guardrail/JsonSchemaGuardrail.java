package com.astradesk.model.guardrail;

import com.astradesk.core.guardrail.GuardrailResult;
import com.astradesk.core.guardrail.OutputGuardrail;
import com.astradesk.core.json.Json;
import com.astradesk.core.json.JsonSchemas;
import com.astradesk.core.model.ChatRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When a request carries a {@linkplain ChatRequest#responseSchema() response schema}, refuses an answer that is
 * not JSON valid against it (a Markdown code fence around the JSON is tolerated). Rule name {@value #RULE}; the
 * failure message lists the validation errors so a caller can send them back to the model. Thread-safe.
 */
public final class JsonSchemaGuardrail implements OutputGuardrail {
    /** The rule this guardrail reports. */
    public static final String RULE = "json_schema";

    private static final int CACHE_LIMIT = 256;
    private final Map<Map<String, Object>, JsonSchemas.Compiled> cache = new ConcurrentHashMap<>();

    @Override
    public GuardrailResult check(String output, ChatRequest request) {
        if (request.responseSchema().isEmpty()) {
            return GuardrailResult.pass();
        }
        Map<String, Object> value;
        try {
            value = Json.readObject(stripFence(output));
        } catch (IllegalArgumentException e) {
            return GuardrailResult.failure(RULE, "the answer is not a JSON object");
        }
        List<String> errors = compiled(request.responseSchema().get()).validate(value);
        return errors.isEmpty()
                ? GuardrailResult.pass()
                : GuardrailResult.failure(RULE, "the answer does not match the schema: " + String.join("; ", errors));
    }

    /** The text without a surrounding Markdown code fence ({@code ```json ... ```}), trimmed. */
    public static String stripFence(String text) {
        String t = text.strip();
        if (t.startsWith("```")) {
            int firstLine = t.indexOf('\n');
            int close = t.lastIndexOf("```");
            if (firstLine > 0 && close > firstLine) {
                return t.substring(firstLine + 1, close).strip();
            }
        }
        return t;
    }

    private JsonSchemas.Compiled compiled(Map<String, Object> schema) {
        if (cache.size() >= CACHE_LIMIT) {
            cache.clear();
        }
        return cache.computeIfAbsent(schema, JsonSchemas::compile);
    }
}
