package com.astradesk.core.audit;

/**
 * Publishes audit events to downstream consumers (the Auditor). The embedded default is an in-process bus;
 * production uses NATS JetStream through an outbox. Thread-safe.
 */
public interface AuditPublisher {
    /** Publishes one event; must not block the request path for long. */
    void publish(AuditRecord record);

    /** An in-process bus (embedded mode); subscribe with {@link InProcessAuditBus#subscribe}. */
    static InProcessAuditBus inProcess() {
        return new InProcessAuditBus();
    }
}
