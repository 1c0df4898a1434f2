package com.astradesk.core.tool;

/**
 * The Tool SPI: one capability an agent can use. Implementations must be thread-safe; the registry calls
 * them concurrently. A tool never checks roles or validates its arguments against its schema: the
 * registry's invoker has done both before {@link #call} runs.
 */
public interface Tool {

    /** What the tool is, who may call it and how its arguments look. Must return the same value each time. */
    ToolDescriptor descriptor();

    /**
     * Runs the tool.
     *
     * @param call the validated call (arguments conform to the schema)
     * @return the result
     * @throws ToolFailureException to report a failure with a message safe to show the caller; any other
     *     exception is reported as a generic failure and its text is not shown
     */
    ToolResult call(ToolCall call);
}
