package com.astradesk.tools.restart.internal;

import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.restart.KubernetesRestartConfig;
import com.astradesk.tools.restart.RestartExecutor;
import com.astradesk.tools.restart.RestartRequest;
import com.astradesk.tools.restart.RestartResult;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts a Deployment the way {@code kubectl rollout restart} does — fabric8's {@code rolling().restart()}
 * patches the pod template annotation {@code kubectl.kubernetes.io/restartedAt}, so the Deployment controller
 * replaces the pods — then polls the Deployment until the rollout is done (observed generation caught up, every
 * replica updated and available) or the rollout timeout passes. Needs only {@code get} and {@code patch} on
 * Deployments.
 * API errors become {@link ToolFailureException}s naming the Deployment, namespace and HTTP status. Thread-safe.
 */
public final class KubernetesRestartExecutor implements RestartExecutor, AutoCloseable {
    /** The {@code executor} name in results. */
    public static final String NAME = "kubernetes";
    /** The pod-template annotation a restart sets. */
    public static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesRestartExecutor.class);
    private static final Duration POLL = Duration.ofMillis(250);
    /** Retries of a failed API request (connection errors, 5xx), 100 ms then 200 ms apart. */
    static final int REQUEST_RETRIES = 2;

    private final KubernetesRestartConfig config;
    private final KubernetesClient client;
    private final Clock clock;

    public KubernetesRestartExecutor(KubernetesRestartConfig config, KubernetesClient client, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A client from the kubeconfig file when configured, else fabric8's auto-configuration (in-cluster first). */
    public static KubernetesRestartExecutor create(KubernetesRestartConfig config) {
        Config clientConfig;
        if (config.kubeconfig().isPresent()) {
            try {
                clientConfig = Config.fromKubeconfig(
                        Files.readString(config.kubeconfig().get(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        "cannot read kubeconfig " + config.kubeconfig().get(), e);
            }
        } else {
            clientConfig = Config.autoConfigure(null);
        }
        // a few quick retries for a blip; fabric8's default (10, up to 3.2 s apart) kept an unreachable API server's
        // step error waiting for 20 s or more
        clientConfig.setRequestRetryBackoffLimit(REQUEST_RETRIES);
        KubernetesClient client = new KubernetesClientBuilder()
                .withConfig(clientConfig)
                .withHttpClientFactory(new JdkHttpClientFactory())
                .build();
        return new KubernetesRestartExecutor(config, client, Clock.systemUTC());
    }

    /** The namespace restarts act in. */
    public String namespace() {
        return config.namespace()
                .orElseGet(() -> Optional.ofNullable(client.getNamespace()).orElse("default"));
    }

    @Override
    public RestartResult restart(RestartRequest request) {
        String namespace = namespace();
        String name = config.deployment(request.service());
        RollableScalableResource<Deployment> deployment =
                client.apps().deployments().inNamespace(namespace).withName(name);
        Instant at = clock.instant();
        Deployment patched;
        try {
            if (deployment.get() == null) {
                throw new ToolFailureException(
                        BuiltinTools.RESTART_SERVICE, "deployment " + name + " not found in namespace " + namespace);
            }
            patched = deployment.rolling().restart();
        } catch (KubernetesClientException e) {
            throw failure("restart", name, namespace, e);
        }
        LOG.info(
                "rollout restart of deployment {} in {} for {} (run {}, request {})",
                name,
                namespace,
                request.requestedBy(),
                request.runId(),
                request.requestId());
        long generation =
                Optional.ofNullable(patched.getMetadata().getGeneration()).orElse(0L);
        // polled with GET (the Role allows get and patch), as `kubectl rollout status` checks
        Deployment latest = patched;
        boolean rolledOut = false;
        long deadline = System.nanoTime() + config.rolloutTimeout().toNanos();
        try {
            while (true) {
                Deployment seen = deployment.get();
                latest = seen == null ? latest : seen;
                rolledOut = seen != null && rolledOut(seen, generation);
                if (rolledOut || System.nanoTime() >= deadline) {
                    break;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (KubernetesClientException e) {
            throw failure("watch the rollout of", name, namespace, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return new RestartResult(
                request.service(),
                NAME,
                false,
                rolledOut ? RestartResult.Status.COMPLETED : RestartResult.Status.TRIGGERED,
                at,
                details(latest, name, namespace));
    }

    @Override
    public void close() {
        client.close();
    }

    /** What {@code kubectl rollout status} waits for. */
    private static boolean rolledOut(Deployment d, long generation) {
        if (d.getStatus() == null) {
            return false;
        }
        int desired = desired(d);
        long observed =
                Optional.ofNullable(d.getStatus().getObservedGeneration()).orElse(0L);
        return observed >= generation
                && count(d.getStatus().getUpdatedReplicas()) >= desired
                && count(d.getStatus().getReplicas()) <= count(d.getStatus().getUpdatedReplicas())
                && count(d.getStatus().getAvailableReplicas()) >= desired;
    }

    private static Map<String, Object> details(Deployment d, String name, String namespace) {
        var details = new LinkedHashMap<String, Object>();
        details.put("deployment", name);
        details.put("namespace", namespace);
        details.put("desired_replicas", desired(d));
        details.put(
                "updated_replicas",
                d.getStatus() == null ? 0 : count(d.getStatus().getUpdatedReplicas()));
        details.put(
                "ready_replicas",
                d.getStatus() == null ? 0 : count(d.getStatus().getReadyReplicas()));
        Optional.ofNullable(d.getSpec().getTemplate().getMetadata())
                .map(m -> m.getAnnotations())
                .map(a -> a.get(RESTARTED_AT))
                .ifPresent(v -> details.put("restarted_at", v));
        return details;
    }

    private static int desired(Deployment d) {
        return d.getSpec() == null || d.getSpec().getReplicas() == null
                ? 1
                : d.getSpec().getReplicas();
    }

    private static int count(Integer n) {
        return n == null ? 0 : n;
    }

    private static ToolFailureException failure(
            String what, String name, String namespace, KubernetesClientException e) {
        int code = e.getCode();
        String message;
        if (code == 401 || code == 403) {
            message = "Kubernetes refused to " + what + " deployment " + name + " in namespace " + namespace + " (HTTP "
                    + code + "); check the service account's Role (get, patch deployments)";
        } else if (code == 404) {
            message = "deployment " + name + " not found in namespace " + namespace;
        } else if (code > 0) {
            message = "Kubernetes answered HTTP " + code + " to " + what + " deployment " + name;
        } else {
            message = "the Kubernetes API is unreachable";
        }
        LOG.warn("{} deployment {} in {} failed: {}", what, name, namespace, e.getMessage());
        return new ToolFailureException(BuiltinTools.RESTART_SERVICE, message, e);
    }
}
