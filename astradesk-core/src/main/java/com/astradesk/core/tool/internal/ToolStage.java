package com.astradesk.core.tool.internal;

/**
 * One stage of the registry's chain: it either ends the call with a {@link Verdict} or passes it on. Stages are
 * stateless or thread-safe; {@link ToolChain} fixes their order.
 */
interface ToolStage {

    /** The stage's name as it appears in {@link ToolChain#stageNames()} (and docs/ARCHITECTURE.md). */
    String name();

    /** Handles one call; {@code next} runs the rest of the chain. */
    Verdict apply(Invocation invocation, Next next);

    /** The rest of the chain after a stage. */
    @FunctionalInterface
    interface Next {
        Verdict proceed(Invocation invocation);
    }
}
