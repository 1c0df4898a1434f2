package com.astradesk.server.health;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * One configured dependency {@code GET /readyz} asks. Implementations must be thread-safe and should finish
 * quickly; the server runs all checks concurrently with a timeout.
 */
public interface ReadinessCheck {

    /** The dependency's name as reported by {@code /readyz}, e.g. {@code database}. */
    String name();

    /**
     * Probes the dependency once.
     *
     * @throws Exception when it does not answer; the message is logged, never sent to the caller
     */
    void probe() throws Exception;

    /** A check that the dependency accepts a TCP connection at the URL's host and port. */
    static ReadinessCheck tcp(String name, URI url, int defaultPort, Duration timeout) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(timeout, "timeout");
        URI target = "jdbc".equalsIgnoreCase(url.getScheme()) ? URI.create(url.getSchemeSpecificPart()) : url;
        String host = Objects.requireNonNull(target.getHost(), () -> name + ": URL has no host");
        int port = target.getPort() > 0 ? target.getPort() : defaultPort;
        return new ReadinessCheck() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void probe() throws Exception {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), Math.toIntExact(timeout.toMillis()));
                }
            }
        };
    }
}
