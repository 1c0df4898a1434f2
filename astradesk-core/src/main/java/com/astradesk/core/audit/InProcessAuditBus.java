package com.astradesk.core.audit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** In-process audit bus (embedded mode): delivers each event to every subscriber. Thread-safe. */
public final class InProcessAuditBus implements AuditPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(InProcessAuditBus.class);
    private final List<Consumer<AuditRecord>> subscribers = new CopyOnWriteArrayList<>();

    /** Adds a subscriber; it must be fast and must not throw. */
    public void subscribe(Consumer<AuditRecord> subscriber) {
        subscribers.add(subscriber);
    }

    @Override
    public void publish(AuditRecord record) {
        for (Consumer<AuditRecord> s : subscribers) {
            try {
                s.accept(record);
            } catch (RuntimeException e) {
                LOG.warn("audit subscriber failed on event {}", record.eventId(), e);
            }
        }
    }
}
