package com.astradesk.tools;

import java.util.List;

/**
 * Wire names of the built-in tools and the tool lists of the reference agents, so callers need not repeat
 * string literals. Constants only; thread-safe.
 */
public final class BuiltinTools {
    /** Opens an IT ticket (write; roles {@code it.support}, {@code sre}; idempotent). */
    public static final String CREATE_TICKET = "create_ticket";
    /** Reads one ticket by id (read; roles {@code it.support}, {@code sre}). */
    public static final String GET_TICKET = "get_ticket";
    /** Reads a catalog service's metrics over a window (read; any authenticated caller). */
    public static final String GET_METRICS = "get_metrics";
    /** Restarts a catalog service (execute; role {@code sre}). */
    public static final String RESTART_SERVICE = "restart_service";
    /** Reads the current weather of a city (read; any authenticated caller). */
    public static final String GET_WEATHER = "get_weather";

    /** Tools of the reference {@code support} agent. */
    public static final List<String> SUPPORT_AGENT_TOOLS = List.of(CREATE_TICKET, GET_TICKET);
    /** Tools of the reference {@code ops} agent. */
    public static final List<String> OPS_AGENT_TOOLS = List.of(GET_METRICS, RESTART_SERVICE, GET_WEATHER);
    /** Every built-in tool, in the order of DESIGN.md. */
    public static final List<String> ALL =
            List.of(CREATE_TICKET, GET_TICKET, GET_METRICS, RESTART_SERVICE, GET_WEATHER);

    /** Role of IT support staff. */
    public static final String ROLE_IT_SUPPORT = "it.support";
    /** Role of site reliability engineers. */
    public static final String ROLE_SRE = "sre";

    private BuiltinTools() {}
}
