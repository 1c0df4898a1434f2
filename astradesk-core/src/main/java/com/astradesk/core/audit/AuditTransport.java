package com.astradesk.core.audit;

import java.util.concurrent.CompletableFuture;

/**
 * Sends one outbox message to the audit bus. The returned future completes when the bus has durably
 * accepted the message (for JetStream: on the PubAck) and completes exceptionally when it has not; the relay
 * marks a row sent only after a normal completion. Implementations must be thread-safe and must not block.
 */
@FunctionalInterface
public interface AuditTransport {

    /** Sends {@code message}; never throws, reports failure through the future. */
    CompletableFuture<Void> send(OutboxMessage message);

    /**
     * A transport onto an in-process bus (embedded mode): the payload is parsed and delivered to the bus's
     * subscribers synchronously; a malformed payload fails the future.
     */
    static AuditTransport inProcess(InProcessAuditBus bus) {
        return message -> {
            try {
                bus.publish(AuditEvents.fromJson(message.payload()));
                return CompletableFuture.completedFuture(null);
            } catch (RuntimeException e) {
                return CompletableFuture.failedFuture(e);
            }
        };
    }
}
