/** Stock guardrails of the model gateway: prompt-injection blocklist, length limits, secret blocklist, JSON Schema. */
package com.astradesk.model.guardrail;
