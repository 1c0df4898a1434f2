package com.astradesk.core.coordination;

import java.util.Objects;
import java.util.Optional;

/**
 * A work item as stored. Immutable.
 *
 * @param agent    the agent (or other kind of work) it is for
 * @param id       its id, unique in the queue
 * @param state    where it stands
 * @param payload  what to do (opaque to the queue)
 * @param result   the result, once finished
 * @param attempts how many times it was taken
 */
public record WorkItem(
        String agent, String id, WorkState state, String payload, Optional<String> result, int attempts) {
    public WorkItem {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(payload, "payload");
        result = Objects.requireNonNullElse(result, Optional.empty());
    }
}
