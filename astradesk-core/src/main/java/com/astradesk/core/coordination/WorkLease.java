package com.astradesk.core.coordination;

import java.util.Objects;

/**
 * A worker's hold on a taken {@link WorkItem}; only the holder of the current token may renew or finish it.
 * Immutable.
 *
 * @param agent   the item's agent
 * @param id      the item's id
 * @param payload what to do
 * @param token   this lease's token (a new one on each take)
 * @param attempt which take this is, from 1; above 1 the item was re-delivered after a lease expired
 */
public record WorkLease(String agent, String id, String payload, String token, int attempt) {
    public WorkLease {
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(token, "token");
    }
}
