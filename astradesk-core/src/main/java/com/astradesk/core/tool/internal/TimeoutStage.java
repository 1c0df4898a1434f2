package com.astradesk.core.tool.internal;

import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.ToolExecution;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Timeout: an {@link ToolExecution#ISOLATED isolated} tool's body (the rest of the chain) runs on a thread of
 * {@link ToolThreads}, so the caller is answered at the descriptor's deadline even when a tool ignores
 * interruption; the invocation's after-tool actions (lock release) run when the body really ends. An {@link
 * ToolExecution#INLINE inline} tool runs on the caller's thread (no hand-off): it declared that it cannot block, and
 * a call that overruns anyway ends as a timeout.
 */
final class TimeoutStage implements ToolStage {
    private static final Logger LOG = LoggerFactory.getLogger(TimeoutStage.class);

    private final Telemetry telemetry;
    private final ExecutorService executor;

    TimeoutStage(Telemetry telemetry) {
        this(telemetry, ToolThreads.executor());
    }

    TimeoutStage(Telemetry telemetry, ExecutorService executor) {
        this.telemetry = telemetry;
        this.executor = executor;
    }

    @Override
    public String name() {
        return "timeout";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        return invocation.descriptor().execution() == ToolExecution.INLINE
                ? inline(invocation, next)
                : isolated(invocation, next);
    }

    private static Verdict inline(Invocation invocation, Next next) {
        var descriptor = invocation.descriptor();
        long start = System.nanoTime();
        Verdict verdict;
        try {
            verdict = next.proceed(invocation);
        } finally {
            invocation.toolFinished();
        }
        long elapsed = System.nanoTime() - start;
        if (elapsed <= descriptor.timeout().toNanos()) {
            return verdict;
        }
        LOG.warn(
                "inline tool '{}' ran {} ms, over its {} ms timeout, in run {}; its result was dropped",
                descriptor.name(),
                TimeUnit.NANOSECONDS.toMillis(elapsed),
                descriptor.timeout().toMillis(),
                invocation.call().runId());
        return timedOut(invocation);
    }

    private Verdict isolated(Invocation invocation, Next next) {
        var call = invocation.call();
        var descriptor = invocation.descriptor();
        // a plain Future, not a Failsafe Timeout: the caller must get its answer at the deadline even when the
        // tool ignores interruption (Failsafe's async timeout waits for the task to notice)
        Future<Verdict> running = executor.submit(telemetry.wrap(() -> {
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
            return timedOut(invocation);
        } catch (ExecutionException e) {
            LOG.warn("tool '{}' failed in run {}", descriptor.name(), call.runId(), e.getCause());
            return Verdict.failed(call, CallOutcome.ERROR, "tool '" + descriptor.name() + "' failed");
        } catch (InterruptedException e) {
            running.cancel(true);
            Thread.currentThread().interrupt();
            return Verdict.failed(call, CallOutcome.ERROR, "tool '" + descriptor.name() + "' was interrupted");
        }
    }

    private static Verdict timedOut(Invocation invocation) {
        var descriptor = invocation.descriptor();
        return Verdict.failed(
                invocation.call(),
                CallOutcome.TIMEOUT,
                "tool '" + descriptor.name() + "' timed out after "
                        + descriptor.timeout().toMillis() + " ms");
    }
}
