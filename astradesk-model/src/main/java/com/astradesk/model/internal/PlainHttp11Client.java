package com.astradesk.model.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal blocking HTTP/1.1 client for one plain-{@code http} origin without a proxy (the in-cluster provider,
 * e.g. vLLM, or another AstraDesk gateway): keep-alive connections in a LIFO pool, the request written and the
 * answer read on the calling thread, a {@code Content-Length}, chunked or read-to-close body. It does what a
 * provider's blocking chat call needs and nothing else (no redirects, cookies, compression, {@code 100-continue},
 * TLS or proxies: {@link BlockingHttpClient} uses Apache HttpClient for those). A connection idle for longer than
 * {@link #MAX_IDLE} is closed rather than reused; a reused connection that fails before the first byte of the
 * answer (the server closed it while idle) is replaced by a fresh one once. Thread-safe.
 */
final class PlainHttp11Client implements AutoCloseable {
    /** Closed rather than reused after this long idle: below the usual servers' keep-alive timeouts (5 s). */
    static final Duration MAX_IDLE = Duration.ofSeconds(4);

    private static final int MAX_IDLE_CONNECTIONS = 256;
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 64 * 1024 * 1024;

    private final String host;
    private final int port;
    private final String hostHeader;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    private final AtomicInteger idleCount = new AtomicInteger(); // the deque's size() walks it
    private volatile boolean closed;

    /** A response: status, headers (names as sent) and the body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {}

    PlainHttp11Client(URI origin, Duration connectTimeout, Duration readTimeout) {
        if (!"http".equalsIgnoreCase(origin.getScheme()) || origin.getHost() == null) {
            throw new IllegalArgumentException("not a plain http origin: " + origin);
        }
        this.host = origin.getHost();
        this.port = origin.getPort() == -1 ? 80 : origin.getPort();
        this.hostHeader = origin.getPort() == -1 ? host : host + ":" + port;
        this.connectTimeoutMillis = millis(connectTimeout);
        this.readTimeoutMillis = millis(readTimeout);
    }

    /** True when {@code uri} is this client's origin. */
    boolean serves(URI uri) {
        int p = uri.getPort() == -1 ? 80 : uri.getPort();
        return "http".equalsIgnoreCase(uri.getScheme()) && host.equalsIgnoreCase(uri.getHost()) && p == port;
    }

    /**
     * Sends one request and reads its answer.
     *
     * @param target  the request target (path and query)
     * @param headers request headers; {@code Host}, {@code Content-Length} and {@code Connection} are set here
     * @throws IOException on a connection failure ({@link java.net.SocketTimeoutException} when it timed out)
     */
    Response send(String method, String target, Map<String, List<String>> headers, byte[] body) throws IOException {
        byte[] head = head(method, target, headers, body);
        Connection reused = pooled();
        if (reused != null) {
            try {
                return exchange(reused, head, body);
            } catch (StaleConnectionException e) {
                reused.close(); // closed by the server while idle: once more on a fresh connection
            }
        }
        try {
            return exchange(open(), head, body);
        } catch (StaleConnectionException e) {
            throw new EOFException("the server closed the connection without an answer");
        }
    }

    private Response exchange(Connection connection, byte[] head, byte[] body) throws IOException {
        boolean done = false;
        try {
            connection.out.write(head);
            if (body != null) {
                connection.out.write(body);
            }
            connection.out.flush();
            Response response = connection.read();
            done = true;
            if (connection.reusable) {
                release(connection);
            } else {
                connection.close();
            }
            return response;
        } catch (IOException | RuntimeException e) {
            if (!done) {
                connection.close();
            }
            if (connection.reused && !connection.answered && !(e instanceof java.net.SocketTimeoutException)) {
                throw new StaleConnectionException(e);
            }
            throw e;
        }
    }

    private byte[] head(String method, String target, Map<String, List<String>> headers, byte[] body) {
        var text = new StringBuilder(256);
        text.append(method)
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\nHost: ")
                .append(hostHeader);
        text.append("\r\n");
        headers.forEach((name, values) -> {
            if (name == null || values == null || skipped(name)) {
                return;
            }
            for (String value : values) {
                text.append(checked(name)).append(": ").append(checked(value)).append("\r\n");
            }
        });
        if (body != null) {
            text.append("Content-Length: ").append(body.length).append("\r\n");
        }
        text.append("\r\n");
        return text.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static boolean skipped(String name) {
        return name.equalsIgnoreCase("host")
                || name.equalsIgnoreCase("content-length")
                || name.equalsIgnoreCase("connection")
                || name.equalsIgnoreCase("transfer-encoding");
    }

    private static String checked(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                throw new IllegalArgumentException("a header name or value has a character HTTP/1.1 cannot carry");
            }
        }
        return text;
    }

    private Connection pooled() {
        long now = System.nanoTime();
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            if (now - c.idleSince < MAX_IDLE.toNanos()) {
                c.reused = true;
                c.answered = false;
                return c;
            }
            c.close();
        }
        return null;
    }

    private void release(Connection connection) {
        if (closed || idleCount.get() >= MAX_IDLE_CONNECTIONS) {
            connection.close();
            return;
        }
        connection.idleSince = System.nanoTime();
        idleCount.incrementAndGet();
        idle.offerFirst(connection);
        if (closed) { // closed meanwhile: nothing must stay open
            drain();
        }
    }

    private Connection open() throws IOException {
        var socket = new Socket();
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(readTimeoutMillis);
            socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
            return new Connection(socket);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        drain();
    }

    private void drain() {
        Connection c;
        while ((c = idle.pollFirst()) != null) {
            idleCount.decrementAndGet();
            c.close();
        }
    }

    private static int millis(Duration d) {
        long ms = d == null ? 0 : d.toMillis();
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, ms));
    }

    /** A reused connection failed before any answer: the caller may try a fresh one. */
    private static final class StaleConnectionException extends IOException {
        private static final long serialVersionUID = 1L;

        StaleConnectionException(Throwable cause) {
            super("stale connection", cause);
        }
    }

    /** One keep-alive connection; used by one call at a time. */
    private static final class Connection {
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final byte[] buffer = new byte[8192];
        private int pos;
        private int limit;
        long idleSince;
        boolean reused;
        boolean answered;
        boolean reusable;

        Connection(Socket socket) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.out = socket.getOutputStream();
        }

        void close() {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing left to do with a connection that cannot even close
            }
        }

        Response read() throws IOException {
            String statusLine;
            do { // 1xx interim answers are skipped
                statusLine = line();
            } while (statusLine.isEmpty());
            int status = status(statusLine);
            Map<String, List<String>> headers = headers();
            while (status >= 100 && status < 200) {
                status = status(line());
                headers = headers();
            }
            boolean http10 = statusLine.startsWith("HTTP/1.0");
            String connection = first(headers, "connection");
            reusable = http10
                    ? connection != null && connection.equalsIgnoreCase("keep-alive")
                    : connection == null || !connection.equalsIgnoreCase("close");
            String encoding = first(headers, "transfer-encoding");
            String length = first(headers, "content-length");
            byte[] body;
            if (status == 204 || status == 304) {
                body = new byte[0];
            } else if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
                body = chunked();
            } else if (length != null) {
                body = exactly(parseLength(length));
            } else {
                body = toClose();
                reusable = false;
            }
            return new Response(status, headers, body);
        }

        private static int status(String line) throws IOException {
            // HTTP/1.1 200 OK
            if (!line.startsWith("HTTP/1.") || line.length() < 12 || line.charAt(8) != ' ') {
                throw new IOException("not an HTTP/1.x status line");
            }
            try {
                return Integer.parseInt(line, 9, 12, 10);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP/1.x status line", e);
            }
        }

        private Map<String, List<String>> headers() throws IOException {
            Map<String, List<String>> headers = new HashMap<>(16);
            int total = 0;
            for (String line = line(); !line.isEmpty(); line = line()) {
                total += line.length();
                if (total > MAX_HEADER_BYTES) {
                    throw new IOException("response headers too large");
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new IOException("malformed response header");
                }
                headers.computeIfAbsent(line.substring(0, colon).trim(), k -> new ArrayList<>(1))
                        .add(line.substring(colon + 1).trim());
            }
            return headers;
        }

        private static String first(Map<String, List<String>> headers, String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                    return e.getValue().get(0);
                }
            }
            return null;
        }

        private static int parseLength(String text) throws IOException {
            try {
                long n = Long.parseLong(text.trim());
                if (n < 0 || n > MAX_BODY_BYTES) {
                    throw new IOException("response body length out of range: " + n);
                }
                return (int) n;
            } catch (NumberFormatException e) {
                throw new IOException("malformed Content-Length", e);
            }
        }

        private byte[] chunked() throws IOException {
            var body = new java.io.ByteArrayOutputStream(1024);
            while (true) {
                String sizeLine = line();
                int semicolon = sizeLine.indexOf(';');
                String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
                int size;
                try {
                    size = Integer.parseInt(hex, 16);
                } catch (NumberFormatException e) {
                    throw new IOException("malformed chunk size", e);
                }
                if (size < 0 || body.size() + (long) size > MAX_BODY_BYTES) {
                    throw new IOException("response body too large");
                }
                if (size == 0) {
                    while (!line().isEmpty()) {
                        // trailers are ignored
                    }
                    return body.toByteArray();
                }
                body.write(exactly(size));
                if (!line().isEmpty()) {
                    throw new IOException("malformed chunk");
                }
            }
        }

        private byte[] exactly(int n) throws IOException {
            byte[] body = new byte[n];
            int filled = Math.min(n, limit - pos);
            System.arraycopy(buffer, pos, body, 0, filled);
            pos += filled;
            while (filled < n) {
                int r = in.read(body, filled, n - filled);
                if (r < 0) {
                    throw new EOFException("the connection closed inside the response body");
                }
                filled += r;
            }
            return body;
        }

        private byte[] toClose() throws IOException {
            var body = new java.io.ByteArrayOutputStream(1024);
            body.write(buffer, pos, limit - pos);
            pos = limit;
            byte[] chunk = new byte[8192];
            for (int r; (r = in.read(chunk)) >= 0; ) {
                if (body.size() + r > MAX_BODY_BYTES) {
                    throw new IOException("response body too large");
                }
                body.write(chunk, 0, r);
            }
            return body.toByteArray();
        }

        /** One line without its CRLF (or LF), ISO-8859-1. */
        private String line() throws IOException {
            var text = new StringBuilder(64);
            while (true) {
                if (pos == limit) {
                    fill();
                }
                byte b = buffer[pos++];
                if (b == '\n') {
                    int n = text.length();
                    if (n > 0 && text.charAt(n - 1) == '\r') {
                        text.setLength(n - 1);
                    }
                    return text.toString();
                }
                if (text.length() >= MAX_HEADER_BYTES) {
                    throw new IOException("response line too long");
                }
                text.append((char) (b & 0xff));
            }
        }

        private void fill() throws IOException {
            int r = in.read(buffer, 0, buffer.length);
            if (r < 0) {
                throw new EOFException("the connection closed");
            }
            answered = true;
            pos = 0;
            limit = r;
        }
    }
}
