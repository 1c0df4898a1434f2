package com.astradesk.core.store.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes the NATS client's connection events and errors to SLF4J (instead of its default java.util.logging
 * SEVERE lines): disconnects and reconnects at WARN/INFO, each socket error of a reconnect loop at DEBUG, server
 * errors at WARN. Thread-safe. Use one instance per connection: it remembers whether that connection was up.
 */
public final class Slf4jNatsListener implements ErrorListener, ConnectionListener {
    private final Logger log;
    private final AtomicBoolean up = new AtomicBoolean(true);

    /** A listener logging as {@code loggerName}. */
    public Slf4jNatsListener(String loggerName) {
        this.log = LoggerFactory.getLogger(loggerName);
    }

    /** Required by the interface; the client calls the four-argument variant. */
    @Override
    @SuppressWarnings("deprecation")
    public void connectionEvent(Connection conn, Events type) {
        log(type);
    }

    @Override
    public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
        log(type);
    }

    private void log(Events type) {
        switch (type) {
            case DISCONNECTED -> {
                if (up.getAndSet(false)) {
                    log.warn("NATS disconnected; reconnecting in the background");
                } else {
                    log.debug("NATS still disconnected");
                }
            }
            case RECONNECTED, CONNECTED -> {
                up.set(true);
                log.info("NATS {}", type.name().toLowerCase(java.util.Locale.ROOT));
            }
            default -> log.debug("NATS connection event {}", type);
        }
    }

    @Override
    public void errorOccurred(Connection conn, String error) {
        log.warn("NATS server error: {}", error);
    }

    @Override
    public void exceptionOccurred(Connection conn, Exception exp) {
        log.debug("NATS connection exception: {}", exp.toString());
    }
}
