package com.astradesk.core.tool.internal;

import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.ArgumentRule;
import com.astradesk.core.tool.PolicyDecision;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolPolicy;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A base policy followed by argument rules: the base decides access and its own argument checks first; then each
 * rule for the tool whose argument (or its schema default, when absent) matches must be satisfied by the
 * principal's roles. An absent argument without a schema default is covered by the rule (fail closed): a restart
 * that names no environment needs what a restart in {@code prod} needs. Thread-safe.
 */
public final class ArgumentRulePolicy implements ToolPolicy {
    private final ToolPolicy base;
    private final Map<String, List<ArgumentRule>> rulesByTool;

    public ArgumentRulePolicy(ToolPolicy base, List<ArgumentRule> rules) {
        this.base = Objects.requireNonNull(base, "base");
        this.rulesByTool = List.copyOf(Objects.requireNonNull(rules, "rules")).stream()
                .collect(Collectors.groupingBy(ArgumentRule::tool, Collectors.toUnmodifiableList()));
    }

    @Override
    public PolicyDecision decideAccess(Principal principal, ToolDescriptor tool) {
        return base.decideAccess(principal, tool);
    }

    @Override
    public PolicyDecision decideArguments(Principal principal, ToolDescriptor tool, Map<String, Object> arguments) {
        PolicyDecision decision = base.decideArguments(principal, tool, arguments);
        if (!decision.allowed()) {
            return decision;
        }
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        for (ArgumentRule rule : rulesByTool.getOrDefault(tool.name(), List.of())) {
            Object value = args.containsKey(rule.argument())
                    ? args.get(rule.argument())
                    : schemaDefault(tool, rule.argument());
            boolean covered = value == null || rule.matcher().matches(value);
            if (covered && !principal.hasAnyRole(rule.requiredRoles())) {
                return PolicyDecision.deny(rule.requiredRoles(), rule.denialReason());
            }
        }
        return decision;
    }

    private static Object schemaDefault(ToolDescriptor tool, String argument) {
        if (tool.argumentsSchema().get("properties") instanceof Map<?, ?> properties
                && properties.get(argument) instanceof Map<?, ?> property) {
            return property.get("default");
        }
        return null;
    }
}
