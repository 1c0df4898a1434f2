package com.astradesk.core.tool;

import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.internal.DefaultToolRegistryBuilder;
import java.util.List;
import java.util.Optional;

/**
 * The tools an application offers, and the one choke point through which every tool call runs:
 * policy → argument validation against the schema → timeout → tool → audit record.
 * Thread-safe: tools may be registered while calls run.
 */
public interface ToolRegistry {

    /** A builder; see {@link ToolRegistryBuilder}. */
    static ToolRegistryBuilder builder() {
        return new DefaultToolRegistryBuilder();
    }

    /**
     * Registers a tool.
     *
     * @throws ToolRegistrationException when the name is taken, or a write/execute tool declares no roles
     */
    void register(Tool tool);

    /** The descriptor of a registered tool. */
    Optional<ToolDescriptor> find(String name);

    /** Every registered tool's descriptor, sorted by name. */
    List<ToolDescriptor> descriptors();

    /**
     * The descriptors of the tools this principal may call by their {@code allowed_roles}, sorted by name (what
     * {@code GET /v1/tools} and the LLM planner's prompt show). A custom {@link
     * com.astradesk.core.policy.ToolPolicy} may still refuse a listed tool for particular arguments.
     */
    List<ToolDescriptor> availableTo(Principal principal);

    /**
     * Runs one call through the invoker and writes its audit record to the registry's own audit sink.
     * Never throws for denial, invalid arguments, unknown tools, timeouts or tool failures: those arrive as
     * an outcome with status {@code denied} or {@code error}. A denied or invalid call never reaches the tool.
     * The audit record's {@code args} hold {@code arguments}, plus {@code error} when the call failed and
     * {@code required_roles} when it was denied. Error messages never carry a tool's exception text unless the
     * tool threw a {@link ToolFailureException}.
     *
     * @throws NullPointerException when {@code call} is null
     */
    ToolOutcome execute(ToolCall call);

    /** As {@link #execute(ToolCall)}, but the audit record goes to {@code auditSink} (e.g. a run's buffer). */
    ToolOutcome execute(ToolCall call, AuditSink auditSink);

    /**
     * Asks the registry's policy whether {@code principal} may call {@code tool} with {@code arguments}, without
     * running anything or writing an audit record (planning-time check; {@link #execute} decides again). The
     * default implementation applies the tool's {@code allowed_roles} only; the stock registry applies its
     * whole {@link com.astradesk.core.policy.ToolPolicy}, argument rules included.
     *
     * @return the denial, or empty when allowed or when the tool is unknown (execution reports that)
     */
    default Optional<ToolDenial> check(Principal principal, String tool, java.util.Map<String, Object> arguments) {
        return find(tool)
                .filter(d -> !d.permits(principal))
                .map(d -> new ToolDenial(
                        d.name(),
                        d.allowedRoles(),
                        "tool '" + d.name() + "' requires one of the roles "
                                + new java.util.TreeSet<>(d.allowedRoles())));
    }
}
