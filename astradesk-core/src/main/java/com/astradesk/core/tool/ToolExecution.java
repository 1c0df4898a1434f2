package com.astradesk.core.tool;

/**
 * Where the registry runs a tool's body, declared on its {@link ToolDescriptor}. The registry's timeout must hold
 * whatever a tool does, so the default isolates the body on another thread; a tool that can never block past its
 * timeout (pure computation, in-memory lookups) may declare {@link #INLINE} and save the two thread hand-offs of
 * every call.
 */
public enum ToolExecution {
    /**
     * The default: the body runs on a thread of the registry's (a virtual thread on JDK 24+, where blocking inside
     * {@code synchronized} no longer pins a carrier; a platform thread before), so the caller gets its answer at the
     * deadline even when the tool blocks or ignores interruption.
     */
    ISOLATED,
    /**
     * The body runs on the caller's thread. Only for tools that cannot block past their timeout: no network, no
     * locks held by others, no unbounded work. A call that still overruns is reported as
     * {@link CallOutcome#TIMEOUT} (its result is dropped), but the caller waited for it.
     */
    INLINE;

    /** The wire name: {@code isolated} or {@code inline}. */
    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
