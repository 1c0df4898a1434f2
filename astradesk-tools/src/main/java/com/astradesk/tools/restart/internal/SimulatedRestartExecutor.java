package com.astradesk.tools.restart.internal;

import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.restart.RestartExecutor;
import com.astradesk.tools.restart.RestartRequest;
import com.astradesk.tools.restart.RestartResult;
import com.astradesk.tools.service.ServiceState;
import com.astradesk.tools.service.ServiceStateRegistry;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts nothing: records the restart in the {@link ServiceStateRegistry} and says it was simulated. The
 * embedded default when no orchestrator is configured. Thread-safe.
 */
public final class SimulatedRestartExecutor implements RestartExecutor {
    /** The {@code executor} name in results. */
    public static final String NAME = "simulated";

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedRestartExecutor.class);

    private final ServiceStateRegistry registry;

    public SimulatedRestartExecutor(ServiceStateRegistry registry) {
        this.registry = Objects.requireNonNull(registry, "registry");
    }

    @Override
    public RestartResult restart(RestartRequest request) {
        if (!registry.tracks(request.service())) {
            throw new ToolFailureException(
                    BuiltinTools.RESTART_SERVICE, "service '" + request.service() + "' is not tracked by this process");
        }
        ServiceState state = registry.recordRestart(request.service());
        LOG.info(
                "simulated restart of {} (run {}); no orchestrator configured, nothing was restarted",
                request.service(),
                request.runId());
        return new RestartResult(
                request.service(),
                NAME,
                true,
                RestartResult.Status.COMPLETED,
                state.lastRestart().orElseThrow());
    }
}
