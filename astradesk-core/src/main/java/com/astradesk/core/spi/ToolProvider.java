package com.astradesk.core.spi;

import com.astradesk.core.tool.Tool;
import java.net.URL;
import java.util.List;
import java.util.Map;

/**
 * Supplies tools to a {@link com.astradesk.core.tool.ToolRegistry}, and everything else a new tool needs, so that
 * adding a tool is a change in one module: which reference agents offer it ({@link #agentTools()}), the keyword
 * planner's rules for it ({@link #keywordRules()}), and — on each tool's descriptor — its roles and whether it
 * needs an approval in production. Found with {@link java.util.ServiceLoader} (list the class in {@code
 * META-INF/services/com.astradesk.core.spi.ToolProvider}); needs a public no-arg constructor. Backends the tools
 * need come from the context.
 */
public interface ToolProvider {
    /** The tools this provider offers, built with what the context holds. */
    List<Tool> tools(ToolProviderContext context);

    /**
     * Which reference agents offer which of this provider's tools: agent name ({@code support}, {@code ops}, or
     * another agent built with {@link com.astradesk.core.agent.ReferenceAgents}) → tool names, in the order the
     * agent lists them. Default: none (the tools are registered but no reference agent plans them).
     */
    default Map<String, List<String>> agentTools() {
        return Map.of();
    }

    /**
     * Resource files holding the keyword planner's rules for this provider's tools — English and Polish phrase
     * tables in the JSON format of {@code docs/PLANNER.md}, read by {@link
     * com.astradesk.core.plan.keyword.KeywordRules}. Default: none.
     */
    default List<URL> keywordRules() {
        return List.of();
    }
}
