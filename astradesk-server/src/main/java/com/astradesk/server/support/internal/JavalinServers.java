package com.astradesk.server.support.internal;

import com.astradesk.server.config.ServerConfig;
import io.javalin.config.JavalinConfig;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;

/**
 * What every AstraDesk HTTP server (the API server, the model gateway) sets up the same way on Javalin: the
 * listener ({@link ServerConfig}), no banner, {@code 405} before {@code 404}, virtual threads where asked, a
 * graceful stop, refused requests' unread bodies drained ({@link UnreadBodies}); and closing what the server owns. Stateless.
 */
public final class JavalinServers {
    /** The chunk size Javalin copies a response body through ({@code HttpConfig.responseBufferSize}). */
    static final int RESULT_COPY_BUFFER_BYTES = 2048;

    private JavalinServers() {}

    /** Applies the listener settings and lets requests in flight finish for up to {@code stopGrace} on stop. */
    public static void configure(JavalinConfig cfg, ServerConfig config, Duration stopGrace) {
        cfg.startup.showJavalinBanner = false;
        cfg.startup.showOldJavalinVersionWarning = false;
        cfg.jetty.host = config.bindAddress();
        cfg.jetty.port = config.port();
        cfg.http.maxRequestSize = config.maxBodyBytes();
        cfg.http.prefer405over404 = true;
        // the chunk Javalin copies a result through: by default Jetty's whole output buffer (32 KiB), allocated anew
        // for every response; 2 KiB holds an ops run's answer (~1.3 KB), and a larger one is copied in more chunks
        // into the same Jetty buffer: every chunk up to 8 KiB is aggregated there, so the bytes on the wire do not
        // change, and compression is still decided on the first chunk, which stays over its 1,500 B minimum
        cfg.http.responseBufferSize = RESULT_COPY_BUFFER_BYTES;
        // JDK 21+: one virtual thread per request (Javalin keeps its platform pool where the JDK has none)
        cfg.concurrency.useVirtualThreads = config.virtualThreads();
        cfg.jetty.modifyServer(server -> server.setStopTimeout(stopGrace.toMillis()));
        // a refusal decided before the body was read still reaches the client (see UnreadBodies)
        cfg.routes.after(UnreadBodies.drainRefused(UnreadBodies.drainBound(config.maxBodyBytes())));
    }

    /** Closes each in order; a failure is logged and the rest are still closed. */
    public static void closeAll(List<AutoCloseable> closeables, Logger log) {
        for (AutoCloseable c : closeables) {
            try {
                c.close();
            } catch (Exception e) {
                log.warn("closing {} failed: {}", c.getClass().getSimpleName(), e.toString());
            }
        }
    }
}
