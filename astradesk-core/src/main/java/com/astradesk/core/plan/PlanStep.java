package com.astradesk.core.plan;

import java.util.Map;
import java.util.Objects;

/**
 * One step of a plan: call a tool with arguments. Immutable.
 *
 * @param tool      the tool's wire name
 * @param arguments arguments as plain JSON-like values
 */
public record PlanStep(String tool, Map<String, Object> arguments) {
    public PlanStep {
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null ? Map.of() : com.astradesk.core.internal.FrozenMap.copyOf(arguments);
    }
}
