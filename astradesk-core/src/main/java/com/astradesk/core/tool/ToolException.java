package com.astradesk.core.tool;

import com.astradesk.core.AstraDeskException;

/** Base of the tool package's exceptions; carries the tool's name. */
public class ToolException extends AstraDeskException {
    private static final long serialVersionUID = 1L;
    private final String tool;

    public ToolException(String tool, String message) {
        super(message);
        this.tool = tool;
    }

    public ToolException(String tool, String message, Throwable cause) {
        super(message, cause);
        this.tool = tool;
    }

    /** The tool concerned. */
    public String tool() {
        return tool;
    }
}
