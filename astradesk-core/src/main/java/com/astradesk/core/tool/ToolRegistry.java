package com.astradesk.core.tool;

import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.internal.DefaultToolRegistryBuilder;
import java.util.List;
import java.util.Optional;

/**
 * The tools an application offers, and the one choke point through which every tool call runs — planned by
 * either planner, resumed after an approval, or arriving over another protocol. Every call passes one chain of
 * stages, in this order: policy (roles, then argument rules) → approval gate → per-tool rate limit → argument
 * defaults + schema validation → lock (when the tool declares a lock key) → timeout → tool → audit record.
 * Listings ask the same {@link com.astradesk.core.tool.ToolPolicy} the chain uses. Thread-safe: tools may be
 * registered and removed while calls run.
 */
public interface ToolRegistry {

    /** A builder; see {@link ToolRegistryBuilder}. */
    static ToolRegistryBuilder builder() {
        return new DefaultToolRegistryBuilder();
    }

    /**
     * Registers a tool.
     *
     * @throws ToolRegistrationException when the name is taken, its schema does not compile, or a write/execute
     *     tool declares no roles
     */
    void register(Tool tool);

    /**
     * Removes a tool (e.g. one an external MCP server no longer lists); calls already running finish.
     *
     * @return whether a tool of that name was registered
     */
    boolean unregister(String name);

    /** The descriptor of a registered tool. */
    Optional<ToolDescriptor> find(String name);

    /** Every registered tool's descriptor, sorted by name. */
    List<ToolDescriptor> descriptors();

    /**
     * The descriptors of the tools this principal may use, as the registry's policy decides access ({@link
     * com.astradesk.core.tool.ToolPolicy#decideAccess}), sorted by name: what {@code GET /v1/tools}, the LLM
     * planner's prompt and MCP {@code tools/list} show. The policy may still refuse particular arguments.
     */
    List<ToolDescriptor> availableTo(Principal principal);

    /** The chain's stage names in order (for diagnostics and docs): {@code policy} … {@code audit}. */
    List<String> stages();

    /**
     * Runs one call through the chain and writes its audit record to the registry's own audit sink.
     * Never throws for an unknown tool, denial, pending approval, rate limit, invalid arguments, a held lock, a
     * timeout or a tool failure: those arrive as the outcome. Only a call the policy, approval gate and rate
     * limit let through, with valid arguments, reaches the tool. Error messages never carry a tool's exception
     * text unless the tool threw a {@link ToolFailureException}.
     *
     * @throws NullPointerException when {@code call} is null
     */
    ToolOutcome execute(ToolCall call);

    /** As {@link #execute(ToolCall)}, but the audit record goes to {@code auditSink} (e.g. a run's buffer). */
    ToolOutcome execute(ToolCall call, AuditSink auditSink);
}
