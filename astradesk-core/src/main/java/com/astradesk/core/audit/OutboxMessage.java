package com.astradesk.core.audit;

import java.util.Objects;

/**
 * One pending outbox event: an audit event waiting to be published. Immutable and thread-safe.
 *
 * @param id        the event's id in the outbox: unique, ascending in write order and the same on every claim of the
 *                  event (the relay sends it as the archive sequence); {@code PostgresAuditOutbox}: the audit row id
 * @param messageId the dedup key downstream ({@code Nats-Msg-Id}); the audit event id
 * @param payload   the event as v1 wire JSON, exactly as hashed and stored
 */
public record OutboxMessage(long id, String messageId, String payload) {
    public OutboxMessage {
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(payload, "payload");
    }
}
