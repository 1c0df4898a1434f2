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

    /** The descriptors of the tools this principal may call, sorted by name. */
    List<ToolDescriptor> availableTo(Principal principal);

    /**
     * Runs one call through the invoker and writes its audit record to the registry's own audit sink.
     * Never throws for denial, invalid arguments, unknown tools, timeouts or tool failures: those arrive as
     * an outcome with status {@code denied} or {@code error}.
     */
    ToolOutcome execute(ToolCall call);

    /** As {@link #execute(ToolCall)}, but the audit record goes to {@code auditSink} (e.g. a run's buffer). */
    ToolOutcome execute(ToolCall call, AuditSink auditSink);
}
