package com.astradesk.core.tool.internal;

import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One call on its way through the chain: the call as it stands (validation replaces its arguments with the
 * defaulted ones) and the registered tool. Actions registered with {@link #afterTool} run when the tool body has
 * finished — also when that is after the caller was answered at the timeout (a lock is held until then).
 * Thread-safe.
 */
final class Invocation {
    private final ToolCall call;
    private final RegisteredTool tool;
    private final List<Runnable> afterTool;

    Invocation(ToolCall call, RegisteredTool tool) {
        this(call, tool, new CopyOnWriteArrayList<>());
    }

    private Invocation(ToolCall call, RegisteredTool tool, List<Runnable> afterTool) {
        this.call = call;
        this.tool = tool;
        this.afterTool = afterTool;
    }

    ToolCall call() {
        return call;
    }

    RegisteredTool tool() {
        return tool;
    }

    ToolDescriptor descriptor() {
        return tool.descriptor();
    }

    /** This invocation with the call replaced (same tool, same after-tool actions). */
    Invocation withCall(ToolCall replaced) {
        return new Invocation(replaced, tool, afterTool);
    }

    /** Runs {@code action} once the tool body has finished. */
    void afterTool(Runnable action) {
        afterTool.add(action);
    }

    /** Runs the after-tool actions; each runs once, failures are contained. */
    void toolFinished() {
        for (Runnable action : afterTool) {
            try {
                action.run();
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Invocation.class)
                        .warn("after-tool action of '{}' failed: {}", call.tool(), e.toString());
            }
        }
        afterTool.clear();
    }
}
