package com.astradesk.core.tool;

import java.util.Locale;

/** What a tool does to the world. {@link #WRITE} and {@link #EXECUTE} tools must declare allowed roles. */
public enum SideEffect {
    /** Reads only; safe to retry. */
    READ,
    /** Creates or changes records (tickets, documents). */
    WRITE,
    /** Acts on live systems (restarts, rollouts). */
    EXECUTE;

    /** The wire name: {@code read}, {@code write} or {@code execute}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this side effect changes anything. */
    public boolean isSideEffecting() {
        return this != READ;
    }
}
