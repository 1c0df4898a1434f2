package com.astradesk.tools.restart;

import java.util.Objects;

/**
 * A request to restart one service. Immutable.
 *
 * @param service     canonical catalog name (validated against the catalog)
 * @param requestedBy the subject of the caller
 * @param runId       the agent run that asked
 * @param requestId   the request id, for correlating with the orchestrator's logs
 */
public record RestartRequest(String service, String requestedBy, String runId, String requestId) {
    public RestartRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(requestId, "requestId");
    }
}
