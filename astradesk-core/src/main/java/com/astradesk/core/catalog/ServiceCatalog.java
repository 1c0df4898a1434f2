package com.astradesk.core.catalog;

import com.astradesk.core.text.Language;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The services AstraDesk knows (for planning and ops tools), each with aliases. Matching is case- and
 * diacritics-insensitive. Immutable and thread-safe.
 */
public final class ServiceCatalog {
    private final Map<String, Set<String>> services;

    private ServiceCatalog(Map<String, Set<String>> services) {
        var copy = new LinkedHashMap<String, Set<String>>();
        services.forEach((name, aliases) ->
                copy.put(Objects.requireNonNull(name, "service name").toLowerCase(Locale.ROOT), Set.copyOf(aliases)));
        this.services = java.util.Collections.unmodifiableMap(copy);
    }

    /** A catalog from canonical names to aliases. */
    public static ServiceCatalog of(Map<String, ? extends Collection<String>> services) {
        var m = new LinkedHashMap<String, Set<String>>();
        services.forEach((k, v) -> m.put(k, Set.copyOf(v)));
        return new ServiceCatalog(m);
    }

    /** The default catalog of DESIGN.md: webapp, payments-api, search-service, database, api-gateway, auth-service. */
    public static ServiceCatalog defaults() {
        var m = new LinkedHashMap<String, List<String>>();
        m.put("webapp", List.of("web app"));
        m.put("payments-api", List.of("payments api", "payments"));
        m.put("search-service", List.of("search service", "search"));
        m.put(
                "database",
                List.of(
                        "db",
                        "postgres",
                        "baza danych",
                        "bazy danych",
                        "baze danych",
                        "bazie danych",
                        "baza",
                        "bazy",
                        "baze",
                        "bazie"));
        m.put("api-gateway", List.of("api gateway", "gateway"));
        m.put("auth-service", List.of("auth service", "auth"));
        return of(m);
    }

    /** Canonical service names, in catalog order. */
    public List<String> names() {
        return List.copyOf(services.keySet());
    }

    /** Aliases of one service (without its canonical name). */
    public Set<String> aliases(String service) {
        return services.getOrDefault(service, Set.of());
    }

    /** Whether the name is a canonical service name. */
    public boolean contains(String service) {
        return services.containsKey(service);
    }

    /**
     * Resolves a canonical name or alias to the canonical name.
     *
     * @param nameOrAlias e.g. {@code "Payments API"}
     * @return the canonical name, e.g. {@code "payments-api"}
     */
    public Optional<String> resolve(String nameOrAlias) {
        if (nameOrAlias == null) {
            return Optional.empty();
        }
        String folded = Language.fold(nameOrAlias.trim());
        for (var e : services.entrySet()) {
            if (e.getKey().equals(folded)
                    || e.getValue().stream().map(Language::fold).anyMatch(folded::equals)) {
                return Optional.of(e.getKey());
            }
        }
        return Optional.empty();
    }
}
