package com.astradesk.core.tool.internal;

import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tool itself, the chain's last stage. A tool's own message reaches the caller only through a {@link
 * ToolFailureException}; any other failure becomes a generic error and a log line (exception text can carry
 * secrets).
 */
final class InvokeStage implements ToolStage {
    private static final Logger LOG = LoggerFactory.getLogger(InvokeStage.class);

    @Override
    public String name() {
        return "tool";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        var call = invocation.call();
        String tool = invocation.descriptor().name();
        try {
            ToolResult result = invocation.tool().tool().call(call);
            if (result == null) {
                LOG.warn("tool '{}' returned null in run {}", tool, call.runId());
                return Verdict.failed(call, CallOutcome.ERROR, "tool '" + tool + "' failed");
            }
            return Verdict.ok(call, result);
        } catch (ToolFailureException e) {
            return Verdict.failed(call, CallOutcome.ERROR, e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("tool '{}' failed in run {}", tool, call.runId(), e);
            return Verdict.failed(call, CallOutcome.ERROR, "tool '" + tool + "' failed");
        }
    }
}
