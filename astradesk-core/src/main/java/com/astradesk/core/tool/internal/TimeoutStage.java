package com.astradesk.core.tool.internal;

import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.CallOutcome;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timeout: the rest of the chain (the tool) runs on a pool thread, so the caller is answered at the descriptor's
 * deadline even when a tool ignores interruption. The invocation's after-tool actions (lock release) run when
 * the tool body really ends.
 */
final class TimeoutStage implements ToolStage {
    private static final Logger LOG = LoggerFactory.getLogger(TimeoutStage.class);

    /** Runs tool bodies so a tool that ignores interruption cannot hold the caller past its timeout. */
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "astradesk-tool");
        t.setDaemon(true);
        return t;
    });

    private final Telemetry telemetry;

    TimeoutStage(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public String name() {
        return "timeout";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        var call = invocation.call();
        var descriptor = invocation.descriptor();
        // a plain Future, not a Failsafe Timeout: the caller must get its answer at the deadline even when the
        // tool ignores interruption (Failsafe's async timeout waits for the task to notice)
        Future<Verdict> running = EXECUTOR.submit(telemetry.wrap(() -> {
            try {
                return next.proceed(invocation);
            } finally {
                invocation.toolFinished();
            }
        }));
        try {
            return running.get(descriptor.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            running.cancel(true);
            return Verdict.failed(
                    call,
                    CallOutcome.TIMEOUT,
                    "tool '" + descriptor.name() + "' timed out after "
                            + descriptor.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            LOG.warn("tool '{}' failed in run {}", descriptor.name(), call.runId(), e.getCause());
            return Verdict.failed(call, CallOutcome.ERROR, "tool '" + descriptor.name() + "' failed");
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return Verdict.failed(call, CallOutcome.ERROR, "tool '" + descriptor.name() + "' was interrupted");
        }
    }
}
