package com.astradesk.core.approval;

import com.astradesk.core.tool.ToolDescriptor;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Decides which tool calls need a human approval before they run. Implementations must be thread-safe and fast.
 * The agent consults it for each planned step; a step that needs approval is handed to
 * {@link ApprovalService#request} instead of the registry.
 */
@FunctionalInterface
public interface ApprovalPolicy {

    /** Whether this call needs approval. */
    boolean requiresApproval(ToolDescriptor tool, Map<String, Object> arguments);

    /** No call needs approval. */
    static ApprovalPolicy none() {
        return (tool, arguments) -> false;
    }

    /** Calls of the named tools need approval. */
    static ApprovalPolicy forTools(Set<String> tools) {
        Set<String> names = Set.copyOf(tools);
        return (tool, arguments) -> names.contains(tool.name());
    }

    /** Calls of the tools whose descriptor asks for an approval in production ({@link ToolDescriptor#approvalInProduction()}). */
    static ApprovalPolicy declaredByTools() {
        return (tool, arguments) -> tool.approvalInProduction();
    }

    /**
     * The default for an environment: {@link #declaredByTools()} when {@code environment} is {@code production}
     * or {@code prod} (any case), otherwise none. Which tools that covers is each tool's own declaration, so a
     * new tool needs no edit here.
     */
    static ApprovalPolicy defaults(String environment) {
        String env = environment == null ? "" : environment.trim().toLowerCase(Locale.ROOT);
        return env.equals("production") || env.equals("prod") ? declaredByTools() : none();
    }
}
