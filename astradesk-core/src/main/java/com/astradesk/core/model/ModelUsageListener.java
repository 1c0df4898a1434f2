package com.astradesk.core.model;

/**
 * Hook for metrics and cost accounting: the gateway calls it after every model call. Implementations must be
 * thread-safe and fast, and must not throw (exceptions are logged and ignored).
 */
public interface ModelUsageListener {

    /** A listener that ignores everything. */
    ModelUsageListener NONE = usage -> {};

    /** A provider call completed (also when an output guardrail then refused the answer). */
    void onUsage(ModelUsage usage);

    /** A call failed; {@code error} names the condition. Default: ignored. */
    default void onFailure(String provider, ModelException error) {}
}
