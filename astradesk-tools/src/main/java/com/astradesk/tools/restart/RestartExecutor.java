package com.astradesk.tools.restart;

import com.astradesk.tools.restart.internal.SimulatedRestartExecutor;
import com.astradesk.tools.service.ServiceStateRegistry;

/**
 * Carries out {@code restart_service}. The tool has already checked roles, validated the service against the
 * catalog and taken the {@code restart:{service}} lock, so an executor never sees two restarts of one service
 * at once. A Kubernetes implementation would patch the deployment's pod template annotation
 * {@code kubectl.kubernetes.io/restartedAt} (what {@code kubectl rollout restart} does) and return
 * {@link RestartResult.Status#TRIGGERED}, or wait for the rollout and return {@code COMPLETED}.
 * Implementations must be thread-safe and should honour interruption (the registry interrupts on timeout).
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
}
