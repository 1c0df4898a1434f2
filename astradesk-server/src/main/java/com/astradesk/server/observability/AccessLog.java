package com.astradesk.server.observability;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The one access-log line of a request, {@code METHOD /path -> status in ms}, with {@code request_id} and {@code
 * status} in the MDC while it is written; the MDC is cleared afterwards (the request is over). Thread-safe.
 */
public final class AccessLog {
    private final Logger logger;

    /** @param loggerName the access logger's name, e.g. {@code com.astradesk.server.access} */
    public AccessLog(String loggerName) {
        this.logger = LoggerFactory.getLogger(Objects.requireNonNull(loggerName, "loggerName"));
    }

    /** Writes the line (when the logger is on INFO) and clears the MDC. */
    public void record(String method, String path, int status, double millis, String requestId) {
        try {
            if (logger.isInfoEnabled()) {
                if (requestId != null) {
                    MDC.put("request_id", requestId);
                }
                MDC.put("status", Integer.toString(status));
                logger.info("{} {} -> {} in {} ms", method, path, status, Math.round(millis * 10) / 10.0);
            }
        } finally {
            MDC.clear();
        }
    }
}
