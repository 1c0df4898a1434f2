package com.astradesk.core.spi;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A typed bag of the services tool providers may use (service catalog, locks, ticket backend, ...), so a
 * provider found by {@link java.util.ServiceLoader} can be wired without a DI container, and the names of the tools
 * the deployment turned off ({@link #disabledTools()}). Immutable and thread-safe.
 */
public final class ToolProviderContext {
    private final Map<Class<?>, Object> services;
    private final Set<String> disabledTools;

    private ToolProviderContext(Map<Class<?>, Object> services, Set<String> disabledTools) {
        this.services = Map.copyOf(services);
        this.disabledTools = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(disabledTools));
    }

    /** A context with nothing in it: providers fall back to their embedded defaults. */
    public static ToolProviderContext empty() {
        return new ToolProviderContext(Map.of(), Set.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * The tools the deployment turned off (e.g. {@code get_weather} with {@code WEATHER_URL=none}), in the order they
     * were given: {@link ToolProviders#discoveredTools} leaves them out of the registry, {@link
     * ToolProviders#agentTools(List, ToolProviderContext)} out of the agents' lists, so no agent offers or plans them.
     */
    public Set<String> disabledTools() {
        return disabledTools;
    }

    /** The service registered for {@code type}, if any. */
    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    /** Fluent builder. Not thread-safe. */
    public static final class Builder {
        private final Map<Class<?>, Object> services = new HashMap<>();
        private final Set<String> disabledTools = new LinkedHashSet<>();

        /** Registers {@code service} as the one for {@code type} (a later call for the same type replaces it). */
        public <T> Builder withService(Class<T> type, T service) {
            services.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(service, "service"));
            return this;
        }

        /**
         * Turns the named tools off: they are not registered and no reference agent offers them (see {@link
         * #disabledTools()}). Adds to earlier calls.
         *
         * @throws NullPointerException when the collection or a name in it is null
         */
        public Builder withDisabledTools(Collection<String> tools) {
            Objects.requireNonNull(tools, "tools");
            tools.forEach(t -> disabledTools.add(Objects.requireNonNull(t, "tools must not contain null")));
            return this;
        }

        public ToolProviderContext build() {
            return new ToolProviderContext(services, disabledTools);
        }
    }
}
