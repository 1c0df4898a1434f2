package com.astradesk.core.spi;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A typed bag of the services tool providers may use (service catalog, locks, ticket backend, ...), so a
 * provider found by {@link java.util.ServiceLoader} can be wired without a DI container. Immutable and
 * thread-safe.
 */
public final class ToolProviderContext {
    private final Map<Class<?>, Object> services;

    private ToolProviderContext(Map<Class<?>, Object> services) {
        this.services = Map.copyOf(services);
    }

    /** A context with nothing in it: providers fall back to their embedded defaults. */
    public static ToolProviderContext empty() {
        return new ToolProviderContext(Map.of());
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The service registered for {@code type}, if any. */
    public <T> Optional<T> get(Class<T> type) {
        return Optional.ofNullable(type.cast(services.get(type)));
    }

    /** Fluent builder. Not thread-safe. */
    public static final class Builder {
        private final Map<Class<?>, Object> services = new HashMap<>();

        /** Registers {@code service} as the one for {@code type} (a later call for the same type replaces it). */
        public <T> Builder withService(Class<T> type, T service) {
            services.put(Objects.requireNonNull(type, "type"), Objects.requireNonNull(service, "service"));
            return this;
        }

        public ToolProviderContext build() {
            return new ToolProviderContext(services);
        }
    }
}
