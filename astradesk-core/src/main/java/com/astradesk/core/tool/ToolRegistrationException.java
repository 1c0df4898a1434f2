package com.astradesk.core.tool;

/** A tool cannot be registered: bad name, duplicate, or a write/execute tool without roles. */
public class ToolRegistrationException extends ToolException {
    private static final long serialVersionUID = 1L;

    public ToolRegistrationException(String tool, String message) {
        super(tool, "cannot register tool '" + tool + "': " + message);
    }
}
