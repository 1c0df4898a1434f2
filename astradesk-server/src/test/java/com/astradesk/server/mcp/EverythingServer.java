package com.astradesk.server.mcp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The reference MCP server {@code @modelcontextprotocol/server-everything} from npm (installed by {@link
 * NodeInterop}): its entry point for stdio, or a running Streamable HTTP instance on a loopback port that a test
 * can stop and start again.
 */
final class EverythingServer implements AutoCloseable {
    private final int port;
    private final Path log;
    private Process process;

    private EverythingServer(int port) throws IOException {
        this.port = port;
        this.log = Files.createTempFile("server-everything", ".log");
    }

    /** The entry point, for {@code node <it> stdio}. */
    static Path entryPoint() {
        Path js = NodeInterop.module("@modelcontextprotocol/server-everything/dist/index.js");
        if (!Files.isRegularFile(js)) {
            throw new IllegalStateException("server-everything is not installed at " + js);
        }
        return js;
    }

    /** Starts it over Streamable HTTP on a free loopback port. */
    static EverythingServer http() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EverythingServer server = new EverythingServer(port);
        server.start();
        return server;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/mcp";
    }

    synchronized void start() throws IOException {
        ProcessBuilder pb = new ProcessBuilder("node", entryPoint().toString(), "streamableHttp")
                .directory(NodeInterop.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().put("PORT", Integer.toString(port));
        process = pb.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server-everything exited: " + Files.readString(log));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("server-everything did not listen on " + port + ": " + Files.readString(log));
    }

    /** Stops the process (the server is then dead to its clients). */
    synchronized void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        Files.deleteIfExists(log);
    }
}
