package com.astradesk.server.config;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The services the ops tools accept and how the backends find them: aliases (planning), the Prometheus label
 * selector ({@code get_metrics}) and the Kubernetes Deployment ({@code restart_service}). From
 * {@code SERVICE_CATALOG_FILE} when set, else {@link #defaults()}. Immutable.
 *
 * @param catalog     canonical names and aliases
 * @param selectors   service → PromQL label matchers (unlisted: {@code service="<name>"})
 * @param deployments service → Deployment name (unlisted: the service name)
 */
public record ServiceCatalogConfig(
        ServiceCatalog catalog, Map<String, String> selectors, Map<String, String> deployments) {

    /** The catalog entry of the server itself, whose {@code /metrics} Prometheus scrapes as job {@code astradesk}. */
    public static final String SELF = "astradesk";

    private static final Pattern KEY = Pattern.compile("^([a-z0-9][a-z0-9-]{0,62})\\.(aliases|selector|deployment)$");
    private static final Pattern DEPLOYMENT = Pattern.compile("^[a-z0-9]([-a-z0-9]{0,251}[a-z0-9])?$");

    public ServiceCatalogConfig {
        Objects.requireNonNull(catalog, "catalog");
        selectors = Collections.unmodifiableMap(new LinkedHashMap<>(selectors));
        deployments = Collections.unmodifiableMap(new LinkedHashMap<>(deployments));
    }

    /**
     * {@link ServiceCatalog#defaults()} plus the server itself ({@value #SELF}: selector {@code job="astradesk"},
     * Deployment {@code astradesk-api-gateway}).
     */
    public static ServiceCatalogConfig defaults() {
        var services = new LinkedHashMap<String, List<String>>();
        ServiceCatalog base = ServiceCatalog.defaults();
        base.names().forEach(n -> services.put(n, List.copyOf(base.aliases(n))));
        services.put(SELF, List.of("astradesk server", "astradesk api"));
        return new ServiceCatalogConfig(
                ServiceCatalog.of(services), Map.of(SELF, "job=\"astradesk\""), Map.of(SELF, "astradesk-api-gateway"));
    }

    /** The Deployment restarting a service means. */
    public String deployment(String service) {
        return deployments.getOrDefault(service, service);
    }

    static ServiceCatalogConfig from(EnvReader env) {
        return env.string("SERVICE_CATALOG_FILE")
                .map(path -> parse(PropertiesFile.load("SERVICE_CATALOG_FILE", path)))
                .orElseGet(ServiceCatalogConfig::defaults);
    }

    static ServiceCatalogConfig parse(Map<String, String> entries) {
        var aliases = new LinkedHashMap<String, List<String>>();
        var selectors = new LinkedHashMap<String, String>();
        var deployments = new LinkedHashMap<String, String>();
        for (Map.Entry<String, String> e : entries.entrySet()) {
            Matcher m = KEY.matcher(e.getKey());
            if (!m.matches()) {
                throw bad("key '" + e.getKey() + "' is not <service>.aliases, .selector or .deployment");
            }
            String service = m.group(1);
            String value = e.getValue();
            aliases.computeIfAbsent(service, s -> List.of());
            switch (m.group(2)) {
                case "aliases" ->
                    aliases.put(
                            service,
                            Arrays.stream(value.split(","))
                                    .map(String::strip)
                                    .filter(a -> !a.isEmpty())
                                    .toList());
                case "selector" -> {
                    if (value.isEmpty() || value.contains("{") || value.contains("}")) {
                        throw bad(service + ".selector must be PromQL label matchers without braces, e.g." + " job=\""
                                + service + "\"");
                    }
                    selectors.put(service, value);
                }
                default -> {
                    if (!DEPLOYMENT.matcher(value).matches()) {
                        throw bad(service + ".deployment must be a Kubernetes name; was '" + value + "'");
                    }
                    deployments.put(service, value);
                }
            }
        }
        if (aliases.isEmpty()) {
            throw bad("the file lists no service");
        }
        return new ServiceCatalogConfig(ServiceCatalog.of(aliases), selectors, deployments);
    }

    private static ConfigException bad(String what) {
        return new ConfigException("SERVICE_CATALOG_FILE", "SERVICE_CATALOG_FILE: " + what);
    }
}
