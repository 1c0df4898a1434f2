package com.astradesk.server.security;

import com.astradesk.core.audit.AuditSink;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitExceededException;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.tool.Tool;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDenial;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A registry that takes a token from the caller's per-tool bucket before each allowed call of a tool that has
 * a tool rule (the {@code execute} tools), and otherwise delegates everything. A call the policy refuses is
 * not counted (the delegate denies and audits it). Thread-safe.
 */
public final class RateLimitedToolRegistry implements ToolRegistry {
    private final ToolRegistry delegate;
    private final RateLimitPolicy limits;

    /**
     * @param delegate the registry that decides and runs
     * @param limits   the per-tool limits
     */
    public RateLimitedToolRegistry(ToolRegistry delegate, RateLimitPolicy limits) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    @Override
    public void register(Tool tool) {
        delegate.register(tool);
    }

    @Override
    public Optional<ToolDescriptor> find(String name) {
        return delegate.find(name);
    }

    @Override
    public List<ToolDescriptor> descriptors() {
        return delegate.descriptors();
    }

    @Override
    public List<ToolDescriptor> availableTo(Principal principal) {
        return delegate.availableTo(principal);
    }

    @Override
    public Optional<ToolDenial> check(Principal principal, String tool, Map<String, Object> arguments) {
        return delegate.check(principal, tool, arguments);
    }

    @Override
    public ToolOutcome execute(ToolCall call) {
        meter(call);
        return delegate.execute(call);
    }

    /**
     * @throws RateLimitExceededException when the caller's bucket for this tool is empty
     */
    @Override
    public ToolOutcome execute(ToolCall call, AuditSink auditSink) {
        meter(call);
        return delegate.execute(call, auditSink);
    }

    private void meter(ToolCall call) {
        Objects.requireNonNull(call, "call");
        Optional<ToolDescriptor> tool = delegate.find(call.tool());
        if (tool.isEmpty()
                || delegate.check(call.principal(), call.tool(), call.arguments())
                        .isPresent()) {
            return;
        }
        Optional<RateLimitDecision> decision = limits.acquireTool(call.principal(), tool.get());
        if (decision.isPresent() && !decision.get().allowed()) {
            throw new RateLimitExceededException(decision.get());
        }
    }
}
