package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.tools.restart.KubernetesRestartConfig;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads how {@code restart_service} restarts: {@code RESTART_EXECUTOR=simulated} (the default: records the restart
 * and says nothing was restarted) or {@code kubernetes} (rollout restart of the catalog's Deployment in
 * {@code K8S_NAMESPACE}, waiting up to {@code K8S_ROLLOUT_TIMEOUT}; in-cluster service account, or {@code KUBECONFIG}).
 * {@code kubernetes} with no credentials to find (no {@code KUBECONFIG}, no mounted service account token, no
 * {@code ~/.kube/config}) stops the start.
 */
final class RestartSettings {
    /** The longest rollout wait: {@code restart_service} itself times out after 60 s. */
    static final Duration MAX_ROLLOUT_WAIT = Duration.ofSeconds(50);

    private RestartSettings() {}

    /** Where a pod's service account token is mounted. */
    static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

    /** The Kubernetes settings, or empty for the simulated executor. */
    static Optional<KubernetesRestartConfig> from(EnvReader env, ServiceCatalogConfig catalog) {
        return from(
                env, catalog, SERVICE_ACCOUNT_TOKEN, Path.of(System.getProperty("user.home", "/"), ".kube", "config"));
    }

    /**
     * As {@link #from(EnvReader, ServiceCatalogConfig)}, with the places credentials are looked for.
     *
     * @param serviceAccountToken the in-cluster token file (used with {@code KUBERNETES_SERVICE_HOST})
     * @param defaultKubeconfig   the kubeconfig used when {@code KUBECONFIG} is unset ({@code ~/.kube/config})
     */
    static Optional<KubernetesRestartConfig> from(
            EnvReader env, ServiceCatalogConfig catalog, Path serviceAccountToken, Path defaultKubeconfig) {
        String executor = env.string("RESTART_EXECUTOR", "simulated").toLowerCase(Locale.ROOT);
        if (executor.equals("simulated")) {
            return Optional.empty();
        }
        if (!executor.equals("kubernetes")) {
            throw new ConfigException(
                    "RESTART_EXECUTOR", "RESTART_EXECUTOR must be simulated or kubernetes; was '" + executor + "'");
        }
        Optional<String> namespace = env.string("K8S_NAMESPACE");
        if (namespace.isPresent() && !namespace.get().matches("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")) {
            throw new ConfigException(
                    "K8S_NAMESPACE",
                    "K8S_NAMESPACE must be a Kubernetes namespace name; was '" + namespace.get() + "'");
        }
        Duration rollout = env.duration("K8S_ROLLOUT_TIMEOUT", Duration.ofSeconds(45));
        if (rollout.compareTo(MAX_ROLLOUT_WAIT) > 0) {
            throw new ConfigException(
                    "K8S_ROLLOUT_TIMEOUT",
                    "K8S_ROLLOUT_TIMEOUT must be at most 50s (restart_service times out after 60s); was " + rollout);
        }
        Optional<Path> kubeconfig = env.string("KUBECONFIG").map(RestartSettings::kubeconfig);
        boolean inCluster = env.string("KUBERNETES_SERVICE_HOST").isPresent() && Files.isReadable(serviceAccountToken);
        if (kubeconfig.isEmpty() && !inCluster && !Files.isReadable(defaultKubeconfig)) {
            // without this, every restart would wait for an API server that is not there and then fail
            throw new ConfigException(
                    List.of("RESTART_EXECUTOR", "KUBECONFIG"),
                    "RESTART_EXECUTOR=kubernetes finds no cluster credentials: run in a pod with its service account"
                            + " token mounted (" + serviceAccountToken + "; the Helm chart does it with"
                            + " restarts.kubernetes=true) or set KUBECONFIG");
        }
        return Optional.of(new KubernetesRestartConfig(namespace, catalog.deployments(), rollout, kubeconfig));
    }

    private static Path kubeconfig(String text) {
        try {
            Path path = Path.of(text);
            if (!Files.isReadable(path)) {
                throw new ConfigException("KUBECONFIG", "KUBECONFIG names no readable file: " + path);
            }
            return path;
        } catch (InvalidPathException e) {
            throw new ConfigException("KUBECONFIG", "KUBECONFIG is not a valid path: " + e.getReason());
        }
    }
}
