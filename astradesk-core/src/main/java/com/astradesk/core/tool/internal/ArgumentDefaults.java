package com.astradesk.core.tool.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Fills in top-level {@code default} values a schema declares for absent properties. */
final class ArgumentDefaults {
    private ArgumentDefaults() {}

    static Map<String, Object> apply(Map<String, Object> schema, Map<String, Object> arguments) {
        if (!(schema.get("properties") instanceof Map<?, ?> properties)) {
            return arguments;
        }
        Map<String, Object> out = new LinkedHashMap<>(arguments);
        properties.forEach((name, spec) -> {
            if (spec instanceof Map<?, ?> s && s.containsKey("default") && !out.containsKey(name.toString())) {
                out.put(name.toString(), s.get("default"));
            }
        });
        return out;
    }
}
