package com.astradesk.core.tool;

/**
 * Thrown by a tool to fail with a message that is safe to show the caller (no secrets, no stack traces).
 * The registry turns it into a step with status {@code error} carrying {@link #getMessage()}.
 */
public class ToolFailureException extends ToolException {
    private static final long serialVersionUID = 1L;

    public ToolFailureException(String tool, String safeMessage) {
        super(tool, safeMessage);
    }

    public ToolFailureException(String tool, String safeMessage, Throwable cause) {
        super(tool, safeMessage, cause);
    }
}
