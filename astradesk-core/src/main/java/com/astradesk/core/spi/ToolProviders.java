package com.astradesk.core.spi;

import com.astradesk.core.tool.Tool;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceLoader;

/** Finds {@link ToolProvider}s and merges what they contribute. Thread-safe (stateless). */
public final class ToolProviders {
    private ToolProviders() {}

    /** Every provider on the class path ({@link ServiceLoader}), in the loader's order; a fresh instance each. */
    public static List<ToolProvider> discovered() {
        var out = new ArrayList<ToolProvider>();
        ServiceLoader.load(ToolProvider.class).forEach(out::add);
        return List.copyOf(out);
    }

    /**
     * The tools of every provider on the class path ({@link #discovered()}), each built with {@code context}, in
     * provider order, without the context's {@link ToolProviderContext#disabledTools() disabled tools} — what {@code
     * ToolRegistry.builder().withTools(...)} takes. Discovery lives here, not in the
     * registry's builder, so {@code core.tool} does not depend on this package.
     *
     * @throws NullPointerException when {@code context} is null
     * @throws IllegalStateException when a provider returns null instead of a list
     */
    public static List<Tool> discoveredTools(ToolProviderContext context) {
        Objects.requireNonNull(context, "context");
        var out = new ArrayList<Tool>();
        for (ToolProvider provider : discovered()) {
            List<Tool> provided = provider.tools(context);
            if (provided == null) {
                throw new IllegalStateException(
                        "tool provider " + provider.getClass().getName() + " returned null instead of a list");
            }
            provided.stream()
                    .filter(t ->
                            !context.disabledTools().contains(t.descriptor().name()))
                    .forEach(out::add);
        }
        return List.copyOf(out);
    }

    /**
     * The reference agents' tool lists merged over the providers: agent name → tool names, in provider order
     * without duplicates.
     *
     * @throws NullPointerException when the list or one of its providers is null
     */
    public static Map<String, List<String>> agentTools(List<ToolProvider> providers) {
        Objects.requireNonNull(providers, "providers");
        var merged = new LinkedHashMap<String, LinkedHashSet<String>>();
        for (ToolProvider provider : providers) {
            Objects.requireNonNull(provider, "providers must not contain null")
                    .agentTools()
                    .forEach((agent, tools) -> merged.computeIfAbsent(agent, a -> new LinkedHashSet<>())
                            .addAll(tools));
        }
        var out = new LinkedHashMap<String, List<String>>();
        merged.forEach((agent, tools) -> out.put(agent, List.copyOf(tools)));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The reference agents' tool lists as {@link #agentTools(List)} merges them, without the context's {@link
     * ToolProviderContext#disabledTools() disabled tools}: what the agents offer in a deployment that turned some
     * off.
     *
     * @throws NullPointerException when an argument or one of the providers is null
     */
    public static Map<String, List<String>> agentTools(List<ToolProvider> providers, ToolProviderContext context) {
        Objects.requireNonNull(context, "context");
        var out = new LinkedHashMap<String, List<String>>();
        agentTools(providers)
                .forEach((agent, tools) -> out.put(
                        agent,
                        tools.stream()
                                .filter(t -> !context.disabledTools().contains(t))
                                .toList()));
        return java.util.Collections.unmodifiableMap(out);
    }

    /**
     * The tools some reference agent offers that none of the providers registers with this context (a tool the
     * context disables is neither offered nor expected), as
     * {@code agent:tool}, in order; empty when every offered tool exists. Deployments and tests call it to catch
     * a provider that offers a tool under a wrong or removed name.
     */
    public static List<String> unregisteredAgentTools(List<ToolProvider> providers, ToolProviderContext context) {
        Objects.requireNonNull(context, "context");
        var registered = new HashSet<String>();
        for (ToolProvider provider : providers) {
            provider.tools(context).stream().map(t -> t.descriptor().name()).forEach(registered::add);
        }
        var missing = new ArrayList<String>();
        agentTools(providers, context)
                .forEach((agent, tools) ->
                        tools.stream().filter(t -> !registered.contains(t)).forEach(t -> missing.add(agent + ":" + t)));
        return List.copyOf(missing);
    }
}
