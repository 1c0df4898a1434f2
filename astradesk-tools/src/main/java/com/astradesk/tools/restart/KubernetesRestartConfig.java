package com.astradesk.tools.restart;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how the Kubernetes restart executor restarts Deployments. Immutable.
 *
 * @param namespace      the namespace of the Deployments; empty = the client's own (the pod's namespace in-cluster,
 *                       the kubeconfig context's otherwise)
 * @param deployments    service → Deployment name; a service without one restarts the Deployment of its name
 * @param rolloutTimeout how long to wait for the new pods to be ready before answering "rolling out"
 * @param kubeconfig     a kubeconfig file; empty = in-cluster service account (or the usual kubeconfig lookup)
 */
public record KubernetesRestartConfig(
        Optional<String> namespace,
        Map<String, String> deployments,
        Duration rolloutTimeout,
        Optional<Path> kubeconfig) {

    public KubernetesRestartConfig {
        namespace = Objects.requireNonNullElse(namespace, Optional.empty());
        deployments =
                Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(deployments, "deployments")));
        Objects.requireNonNull(rolloutTimeout, "rolloutTimeout");
        if (rolloutTimeout.isNegative()) {
            throw new IllegalArgumentException("rolloutTimeout must not be negative, was " + rolloutTimeout);
        }
        kubeconfig = Objects.requireNonNullElse(kubeconfig, Optional.empty());
    }

    /** The Deployment a service's restart means. */
    public String deployment(String service) {
        return deployments.getOrDefault(service, service);
    }
}
