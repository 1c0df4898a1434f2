package com.astradesk.core.tool;

import java.util.Locale;

/**
 * Exactly how the registry's chain ended a call; recorded as {@code outcome} in the call's audit record. Each
 * outcome belongs to one {@link CallStatus}.
 */
public enum CallOutcome {
    /** The tool ran and returned a result. */
    OK(CallStatus.OK),
    /** The tool threw or returned nothing. */
    ERROR(CallStatus.ERROR),
    /** The tool did not answer within its descriptor's timeout. */
    TIMEOUT(CallStatus.ERROR),
    /** The arguments failed the tool's JSON Schema. */
    INVALID_ARGUMENTS(CallStatus.ERROR),
    /** No tool of that name is registered. */
    UNKNOWN_TOOL(CallStatus.ERROR),
    /** Another call holds the tool's lock (e.g. a restart of the same service). */
    LOCKED(CallStatus.ERROR),
    /** An approval the call claims to execute is not approved, or was executed already. */
    APPROVAL_INVALID(CallStatus.ERROR),
    /** The policy refused the caller the tool (its roles). */
    DENIED_ROLE(CallStatus.DENIED),
    /** The policy refused these arguments (an argument rule). */
    DENIED_ARGUMENT(CallStatus.DENIED),
    /** The caller's per-tool rate limit was exhausted. */
    RATE_LIMITED(CallStatus.RATE_LIMITED),
    /** The call waits for an approver. */
    PENDING_APPROVAL(CallStatus.PENDING_APPROVAL);

    private final CallStatus status;

    CallOutcome(CallStatus status) {
        this.status = status;
    }

    /** The status the caller sees. */
    public CallStatus status() {
        return status;
    }

    /** The wire name, e.g. {@code denied_role}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
