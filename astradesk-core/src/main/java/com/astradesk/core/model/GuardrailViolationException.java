package com.astradesk.core.model;

import java.util.Objects;

/**
 * A guardrail refused a model call's input or output. Names the rule, so callers can react (the LLM planner
 * sends a schema violation back to the model once) and operators can see what triggered.
 */
public class GuardrailViolationException extends ModelException {
    private static final long serialVersionUID = 1L;

    private final String rule;
    private final boolean input;

    /**
     * @param rule    the guardrail rule that failed (e.g. {@code prompt_injection}, {@code json_schema})
     * @param input   {@code true} when the input was refused, {@code false} for the output
     * @param message what was wrong, without echoing the offending text
     */
    public GuardrailViolationException(String rule, boolean input, String message) {
        super((input ? "input" : "output") + " refused by guardrail '" + rule + "': " + message);
        this.rule = Objects.requireNonNull(rule, "rule");
        this.input = input;
    }

    /** The rule that failed. */
    public String rule() {
        return rule;
    }

    /** Whether the input (rather than the model's output) was refused. */
    public boolean isInput() {
        return input;
    }
}
