package com.astradesk.core.tool;

import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.policy.ToolPolicy;
import com.astradesk.core.redaction.Redactor;
import com.astradesk.core.spi.ToolProviderContext;
import java.time.Clock;

/** Builds a {@link ToolRegistry}. Not thread-safe; the registry it builds is. */
public interface ToolRegistryBuilder {

    /** Adds a tool (same checks as {@link ToolRegistry#register(Tool)}). */
    ToolRegistryBuilder withTool(Tool tool);

    /** Loads every {@link com.astradesk.core.spi.ToolProvider} on the class path with this context. */
    ToolRegistryBuilder withDiscoveredTools(ToolProviderContext context);

    /** The policy consulted before each call; default: role-based on {@code allowed_roles}. */
    ToolRegistryBuilder withPolicy(ToolPolicy policy);

    /** Where audit records go for {@link ToolRegistry#execute(ToolCall)}; default: discarded. */
    ToolRegistryBuilder withAuditSink(AuditSink sink);

    /**
     * Redacts the arguments and error text written to audit records (secrets, personal data); default
     * {@link Redactor#standard()}. The outcome returned to the caller keeps the arguments as called.
     */
    ToolRegistryBuilder withRedactor(Redactor redactor);

    /** Clock for audit timestamps; default system UTC. */
    ToolRegistryBuilder withClock(Clock clock);

    ToolRegistry build();
}
