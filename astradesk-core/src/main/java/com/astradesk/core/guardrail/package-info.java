/**
 * Guardrail API: typed checks that the model gateway runs on every call's input and output. Implementations
 * (prompt-injection blocklist, length limits, JSON Schema) live in {@code astradesk-model}.
 */
package com.astradesk.core.guardrail;
