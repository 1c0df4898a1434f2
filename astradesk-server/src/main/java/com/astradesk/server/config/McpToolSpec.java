package com.astradesk.server.config;

import com.astradesk.core.tool.SideEffect;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How {@code MCP_SERVERS_FILE} describes one tool of an external MCP server; what it leaves out comes from the
 * server's entry. Immutable.
 *
 * @param allowedRoles roles allowed to call it (empty: the server's)
 * @param sideEffect   what it changes (empty: the server's, else {@code read})
 * @param timeout      how long one call may take (empty: the server's)
 * @param keywordRules keyword-planner rules that plan it
 */
public record McpToolSpec(
        Set<String> allowedRoles,
        Optional<SideEffect> sideEffect,
        Optional<Duration> timeout,
        List<KeywordRule> keywordRules) {

    public McpToolSpec {
        allowedRoles = Set.copyOf(allowedRoles);
        sideEffect = Objects.requireNonNullElse(sideEffect, Optional.empty());
        timeout = Objects.requireNonNullElse(timeout, Optional.empty());
        keywordRules = List.copyOf(keywordRules);
    }

    /**
     * A keyword-planner rule for the tool: the phrases that plan it and how its arguments are read.
     *
     * @param triggers  trigger phrases (the keyword planner's syntax: {@code word*}, {@code ...})
     * @param blockers  phrases that cancel a trigger in the same clause
     * @param atClauseStart whether a trigger must start its clause (default: true for write/execute tools)
     * @param arguments argument name → {@code whole_input}, {@code title} or {@code {constant: value}}
     */
    public record KeywordRule(
            List<String> triggers,
            List<String> blockers,
            Optional<Boolean> atClauseStart,
            Map<String, Object> arguments) {
        public KeywordRule {
            triggers = List.copyOf(triggers);
            blockers = List.copyOf(blockers);
            atClauseStart = Objects.requireNonNullElse(atClauseStart, Optional.empty());
            arguments = Map.copyOf(arguments);
        }
    }
}
