package com.astradesk.core.tool;

import com.astradesk.core.audit.AuditRecord;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry's answer to one {@link ToolCall}: it never throws for policy, validation or tool failures;
 * they arrive here. Immutable.
 *
 * @param tool      the tool name as called
 * @param arguments the arguments as called (after defaults were applied, when valid)
 * @param status    ok, denied or error
 * @param result    the tool's result when {@code status == OK}
 * @param error     a message safe to show the caller when {@code status == ERROR}
 * @param denial    the denial when {@code status == DENIED}
 * @param audit     the audit record written for this call
 * @param elapsed   wall time spent in the invoker
 */
public record ToolOutcome(
        String tool,
        Map<String, Object> arguments,
        CallStatus status,
        Optional<ToolResult> result,
        Optional<String> error,
        Optional<ToolDenial> denial,
        AuditRecord audit,
        Duration elapsed) {

    public ToolOutcome {
        Objects.requireNonNull(tool, "tool");
        arguments = arguments == null
                ? Map.of()
                : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(arguments));
        Objects.requireNonNull(status, "status");
        result = Objects.requireNonNullElse(result, Optional.empty());
        error = Objects.requireNonNullElse(error, Optional.empty());
        denial = Objects.requireNonNullElse(denial, Optional.empty());
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(elapsed, "elapsed");
    }
}
