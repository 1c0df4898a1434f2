package com.astradesk.tools.restart;

import com.astradesk.tools.restart.internal.KubernetesRestartExecutor;
import com.astradesk.tools.restart.internal.SimulatedRestartExecutor;
import com.astradesk.tools.service.ServiceStateRegistry;

/**
 * Carries out {@code restart_service}. The tool has already checked roles, validated the service against the
 * catalog and taken the {@code restart:{service}} lock, so an executor never sees two restarts of one service
 * at once. Implementations must be thread-safe and should honour interruption (the registry interrupts on timeout).
 */
public interface RestartExecutor {

    /**
     * Restarts the service.
     *
     * @param request what to restart and on whose behalf
     * @return what was done
     * @throws com.astradesk.core.tool.ToolFailureException when the restart fails, with a message safe to show
     */
    RestartResult restart(RestartRequest request);

    /**
     * The embedded default: restarts nothing, records the restart in the registry (so in-process metrics show
     * it) and reports {@code simulated = true}.
     */
    static RestartExecutor simulated(ServiceStateRegistry registry) {
        return new SimulatedRestartExecutor(registry);
    }

    /**
     * Restarts the service's Deployment as {@code kubectl rollout restart} does (patches the pod template's
     * annotation {@code kubectl.kubernetes.io/restartedAt}), then waits up to the rollout timeout for the new pods:
     * {@code COMPLETED} with the ready replicas when they are, {@code TRIGGERED} with the progress so far when not.
     * Authenticates with the pod's service account in-cluster, or with the kubeconfig. Needs fabric8's
     * {@code kubernetes-client} with {@code kubernetes-httpclient-jdk} on the class path (optional dependencies).
     */
    static RestartExecutor kubernetes(KubernetesRestartConfig config) {
        return KubernetesRestartExecutor.create(config);
    }
}
