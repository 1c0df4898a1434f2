package com.astradesk.core.store.nats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private JetStream nats-server on a free loopback port with its own store directory, which a test may stop
 * and restart without disturbing the shared server on 4222. Not thread-safe.
 */
public final class PrivateNatsServer implements AutoCloseable {
    private static final Path BINARY = Path.of("/usr/sbin/nats-server");

    private final int port;
    private final Path storeDir;
    private Process process;

    private PrivateNatsServer(int port, Path storeDir) {
        this.port = port;
        this.storeDir = storeDir;
    }

    /** Whether the nats-server binary is installed here. */
    public static boolean available() {
        return Files.isExecutable(BINARY);
    }

    /** Starts a server on a free port. */
    public static PrivateNatsServer start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        PrivateNatsServer server = new PrivateNatsServer(port, Files.createTempDirectory("astradesk-nats-"));
        server.restart();
        return server;
    }

    /** {@code nats://127.0.0.1:<port>}. */
    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    /** Starts the server again (same port, same store) and waits until it accepts connections. */
    public void restart() throws IOException, InterruptedException {
        process = new ProcessBuilder(
                        BINARY.toString(),
                        "-a",
                        "127.0.0.1",
                        "-p",
                        Integer.toString(port),
                        "-js",
                        "-sd",
                        storeDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(storeDir.resolve("server.log").toFile())
                .start();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("private nats-server did not start on port " + port);
    }

    /** Stops the server (SIGTERM, then SIGKILL) and waits for it to exit. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(storeDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
