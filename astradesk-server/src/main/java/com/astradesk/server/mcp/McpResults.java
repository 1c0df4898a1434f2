package com.astradesk.server.mcp;

import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.server.support.internal.ServerJson;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/** The MCP wire forms of the registry's descriptors and outcomes. Stateless. */
final class McpResults {
    private McpResults() {}

    /** The MCP tool for a descriptor; {@code readOnly} false marks a tool that may act through other tools. */
    static McpSchema.Tool tool(ToolDescriptor d, boolean actsThroughOthers) {
        boolean readOnly = d.sideEffect() == SideEffect.READ && !actsThroughOthers;
        return McpSchema.Tool.builder(d.name(), d.argumentsSchema())
                .description(d.description())
                .annotations(McpSchema.ToolAnnotations.builder()
                        .readOnlyHint(readOnly)
                        .destructiveHint(d.sideEffect() == SideEffect.EXECUTE)
                        .idempotentHint(d.idempotent())
                        .openWorldHint(true)
                        .build())
                .build();
    }

    /**
     * The MCP result of a call: a result for {@code ok} and {@code pending_approval} (with the approval id: the
     * call did not run yet); a tool error ({@code isError}) with the chain's safe message otherwise.
     */
    static McpSchema.CallToolResult result(ToolOutcome outcome) {
        Map<String, Object> structured = new LinkedHashMap<>();
        structured.put("status", outcome.status().wireName());
        String text;
        switch (outcome.status()) {
            case OK -> {
                var result = outcome.result().orElseThrow();
                structured.put("summary", result.summary());
                structured.put("data", result.data());
                text = result.summary();
            }
            case PENDING_APPROVAL -> {
                var pending = outcome.approval().orElseThrow();
                structured.put("approval_id", pending.approvalId());
                structured.put("approval_url", "/v1/approvals/" + pending.approvalId());
                structured.put("expires_at", pending.expiresAt().toString());
                text = "Not run yet: '" + outcome.tool() + "' waits for approval " + pending.approvalId()
                        + " (an approver decides at /v1/approvals/" + pending.approvalId() + "; it expires at "
                        + pending.expiresAt() + ").";
            }
            default -> {
                structured.put("outcome", outcome.outcome().wireName());
                String error = outcome.error()
                        .or(() -> outcome.denial().map(d -> d.reason()))
                        .orElse("the call ended with " + outcome.outcome().wireName());
                structured.put("error", error);
                outcome.denial().ifPresent(d -> structured.put("required_roles", new TreeSet<>(d.requiredRoles())));
                outcome.rateLimit()
                        .filter(r -> !r.allowed())
                        .ifPresent(r -> structured.put("retry_after", r.retryAfterSeconds()));
                text = error;
            }
        }
        boolean isError = outcome.status() != CallStatus.OK && outcome.status() != CallStatus.PENDING_APPROVAL;
        return McpSchema.CallToolResult.builder()
                .addTextContent(text)
                .addTextContent(ServerJson.write(structured))
                .structuredContent(structured)
                .isError(isError)
                .build();
    }

    /** A tool error for a request that never reached the chain. */
    static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder()
                .addTextContent(message)
                .isError(true)
                .build();
    }
}
