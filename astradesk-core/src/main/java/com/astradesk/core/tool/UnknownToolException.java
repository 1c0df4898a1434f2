package com.astradesk.core.tool;

/** No tool of that name is registered. */
public class UnknownToolException extends ToolException {
    private static final long serialVersionUID = 1L;

    public UnknownToolException(String tool) {
        super(tool, "unknown tool '" + tool + "'");
    }
}
