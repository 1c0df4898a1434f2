package com.astradesk.core.tool.internal;

import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.PolicyDecision;
import com.astradesk.core.tool.ToolDenial;
import com.astradesk.core.tool.ToolPolicy;

/** Policy: the caller's access to the tool (roles), then the call's arguments (argument rules). Decided once. */
final class PolicyStage implements ToolStage {
    private final ToolPolicy policy;

    PolicyStage(ToolPolicy policy) {
        this.policy = policy;
    }

    @Override
    public String name() {
        return "policy";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        var call = invocation.call();
        var tool = invocation.descriptor();
        PolicyDecision access = policy.decideAccess(call.principal(), tool);
        if (!access.allowed()) {
            return Verdict.denied(call, CallOutcome.DENIED_ROLE, denial(tool.name(), access));
        }
        PolicyDecision arguments = policy.decideArguments(call.principal(), tool, call.arguments());
        if (!arguments.allowed()) {
            return Verdict.denied(call, CallOutcome.DENIED_ARGUMENT, denial(tool.name(), arguments));
        }
        return next.proceed(invocation);
    }

    private static ToolDenial denial(String tool, PolicyDecision decision) {
        return new ToolDenial(tool, decision.requiredRoles(), decision.reason().orElse("denied by policy"));
    }
}
