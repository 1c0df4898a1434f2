package com.astradesk.server.mcp;

import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolRegistrationException;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolResult;
import com.astradesk.server.config.McpServerSpec;
import com.astradesk.server.config.McpToolSpec;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one external MCP server and the registry entries of its tools. Connects in the background,
 * reconnects with exponential backoff (1 s doubling to 60 s, with jitter) when the server cannot be reached, stops
 * answering or its process ends, pings it while connected, and brings the registry in line with the server's
 * tool list on connect and on every {@code notifications/tools/list_changed}. While the server is down its tools
 * stay registered and each call ends with a step error saying so. Thread-safe.
 */
final class McpConnection implements AutoCloseable {
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    static final Duration PING_INTERVAL = Duration.ofSeconds(15);

    /**
     * How long after connecting over HTTP the tools are listed once more: a server may announce
     * {@code tools/list_changed} before the client's notification stream is open, and may then drop it.
     */
    static final Duration RELIST_AFTER_CONNECT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(McpConnection.class);
    private static final int MAX_SUMMARY = 4000;

    enum State {
        CONNECTING,
        UP,
        DOWN,
        CLOSED
    }

    private final McpServerSpec spec;
    private final ToolRegistry registry;
    private final ScheduledExecutorService scheduler;
    private final Runnable onToolsChanged;
    private final String version;
    private final Map<String, ExternalMcpTool> registered = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);
    private final AtomicInteger listChanges = new AtomicInteger();
    private final AtomicInteger connects = new AtomicInteger();
    private volatile McpSyncClient client;
    private volatile State state = State.CONNECTING;
    private volatile long nextAttemptNanos;
    private int failures;
    private ScheduledFuture<?> pending;

    McpConnection(
            McpServerSpec spec,
            ToolRegistry registry,
            ScheduledExecutorService scheduler,
            Runnable onToolsChanged,
            String version) {
        this.spec = spec;
        this.registry = registry;
        this.scheduler = scheduler;
        this.onToolsChanged = onToolsChanged;
        this.version = version;
    }

    String name() {
        return spec.name();
    }

    McpServerSpec spec() {
        return spec;
    }

    State state() {
        return state;
    }

    /** How many {@code tools/list_changed} notifications arrived. */
    int listChanges() {
        return listChanges.get();
    }

    /** How many times the connection was established. */
    int connects() {
        return connects.get();
    }

    /** The registry names of this server's tools, sorted. */
    List<String> toolNames() {
        return registered.keySet().stream().sorted().toList();
    }

    /** Registers the tools the file describes (answering "not connected" until the server lists them), then connects. */
    void start() {
        List<McpSchema.Tool> described = new ArrayList<>();
        spec.tools()
                .keySet()
                .forEach(name -> described.add(McpSchema.Tool.builder(name, Map.of("type", "object"))
                        .description("Tool '" + name + "' of the MCP server '" + spec.name() + "' (not connected yet).")
                        .build()));
        sync(described, false);
        schedule(Duration.ZERO);
    }

    /** Waits until the first connection attempt ended (either way), at most {@code timeout}. */
    boolean awaitFirstAttempt(Duration timeout) throws InterruptedException {
        return firstAttempt.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void schedule(Duration delay) {
        if (state == State.CLOSED) {
            return;
        }
        if (pending != null) {
            pending.cancel(false);
        }
        nextAttemptNanos = System.nanoTime() + delay.toNanos();
        pending = scheduler.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void connect() {
        McpSyncClient c = null;
        try {
            if (state == State.CLOSED) {
                return;
            }
            McpClientTransport transport = transport();
            c = McpClient.sync(transport)
                    .requestTimeout(requestTimeout())
                    .initializationTimeout(Duration.ofSeconds(30))
                    .clientInfo(McpSchema.Implementation.builder("astradesk", version)
                            .title("AstraDesk")
                            .build())
                    .toolsChangeConsumer(tools -> {
                        listChanges.incrementAndGet();
                        scheduler.execute(() -> sync(tools, true));
                    })
                    .build();
            c.initialize();
            List<McpSchema.Tool> tools = listAll(c);
            synchronized (this) {
                if (state == State.CLOSED) {
                    closeQuietly(c);
                    return;
                }
                client = c;
                state = State.UP;
                failures = 0;
                connects.incrementAndGet();
                pending = scheduler.scheduleWithFixedDelay(
                        this::ping, PING_INTERVAL.toMillis(), PING_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (transport instanceof StdioClientTransport stdio) {
                watchExit(stdio, c);
            } else {
                McpSyncClient connected = c;
                scheduler.schedule(() -> relist(connected), RELIST_AFTER_CONNECT.toMillis(), TimeUnit.MILLISECONDS);
            }
            LOG.info("MCP server '{}' connected: {} tools", spec.name(), tools.size());
            sync(tools, true);
        } catch (RuntimeException e) {
            closeQuietly(c);
            down(c, "cannot connect", e);
        } finally {
            firstAttempt.countDown();
        }
    }

    /** A stdio server's process that ends takes the connection down at once (not at the next ping or call). */
    private void watchExit(StdioClientTransport transport, McpSyncClient c) {
        Thread watcher = new Thread(
                () -> {
                    try {
                        transport.awaitForExit();
                    } catch (RuntimeException interrupted) {
                        return;
                    }
                    down(c, "process exited", new IllegalStateException("the process of MCP server exited"));
                },
                "astradesk-mcp-exit-" + spec.name());
        watcher.setDaemon(true);
        watcher.start();
    }

    /** Lists the tools again when {@code c} is still the live client; a failure is left to the next ping or call. */
    private void relist(McpSyncClient c) {
        if (client != c) {
            return;
        }
        try {
            sync(listAll(c), true);
        } catch (RuntimeException e) {
            LOG.debug("MCP server '{}': listing the tools again failed", spec.name(), e);
        }
    }

    private void ping() {
        McpSyncClient c = client;
        if (c == null) {
            return;
        }
        try {
            c.ping();
        } catch (RuntimeException e) {
            down(c, "stopped answering", e);
        }
    }

    /** Marks the connection down (when {@code failed} is still current) and schedules a reconnect. */
    private void down(McpSyncClient failed, String why, Throwable cause) {
        Duration delay;
        synchronized (this) {
            if (state == State.CLOSED || (failed != null && client != null && client != failed)) {
                return;
            }
            McpSyncClient old = client;
            client = null;
            state = State.DOWN;
            long factor = 1L << Math.min(failures, 6);
            failures++;
            long millis = Math.min(MAX_BACKOFF.toMillis(), FIRST_BACKOFF.toMillis() * factor);
            delay = Duration.ofMillis(millis + ThreadLocalRandom.current().nextLong(millis / 5 + 1));
            if (old != null) {
                // not gracefully: calls waiting on a dead server end now
                scheduler.execute(() -> closeNow(old));
            }
            schedule(delay);
        }
        LOG.warn(
                "MCP server '{}' {} ({}); retrying in {} ms",
                spec.name(),
                why,
                cause.getClass().getSimpleName(),
                delay.toMillis());
        LOG.debug("MCP server '{}' failure", spec.name(), cause);
    }

    /** Calls a tool of this server; every failure is a {@link ToolFailureException} with a message for the caller. */
    ToolResult call(String remoteName, Map<String, Object> arguments, Duration timeout) {
        String tool = McpToolNames.registryName(spec.name(), remoteName).orElse(remoteName);
        McpSyncClient c = client;
        if (c == null || state != State.UP) {
            long wait = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(nextAttemptNanos - System.nanoTime()));
            throw new ToolFailureException(
                    tool,
                    "the MCP server '" + spec.name() + "' is unavailable; reconnecting (next attempt in " + wait
                            + " s)");
        }
        McpSchema.CallToolResult result;
        try {
            result = c.callTool(McpSchema.CallToolRequest.builder(remoteName)
                    .arguments(arguments)
                    .build());
        } catch (McpError e) {
            throw new ToolFailureException(
                    tool, "the MCP server '" + spec.name() + "' refused the call: " + clip(e.getMessage(), 300));
        } catch (RuntimeException e) {
            down(c, "failed a call", e);
            throw new ToolFailureException(
                    tool, "the MCP server '" + spec.name() + "' did not answer; reconnecting", e);
        }
        // with structured content the last text block is (per the spec) its JSON serialization: the summary is the rest
        String text = text(result, result.structuredContent() != null);
        if (Boolean.TRUE.equals(result.isError())) {
            throw new ToolFailureException(
                    tool,
                    "the MCP server '" + spec.name() + "' reported an error: "
                            + (text.isBlank() ? "(no message)" : clip(text, 500)));
        }
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("content", content(result));
        if (result.structuredContent() != null) {
            data.put("structured", result.structuredContent());
        }
        return ToolResult.of(text.isBlank() ? remoteName + " returned no text" : clip(text, MAX_SUMMARY), data);
    }

    /** Brings the registry in line with the server's tool list; {@code removeMissing} false only adds. */
    synchronized void sync(List<McpSchema.Tool> tools, boolean removeMissing) {
        if (state == State.CLOSED) {
            return;
        }
        Map<String, ExternalMcpTool> wanted = new LinkedHashMap<>();
        for (McpSchema.Tool t : tools) {
            toTool(t).ifPresent(tool -> wanted.put(tool.descriptor().name(), tool));
        }
        boolean changed = false;
        if (removeMissing) {
            for (String name : new HashSet<>(registered.keySet())) {
                if (!wanted.containsKey(name)) {
                    registry.unregister(name);
                    registered.remove(name);
                    changed = true;
                }
            }
        }
        for (ExternalMcpTool tool : wanted.values()) {
            String name = tool.descriptor().name();
            ExternalMcpTool current = registered.get(name);
            if (current != null
                    && current.descriptor().equals(tool.descriptor())
                    && current.remoteName().equals(tool.remoteName())) {
                continue;
            }
            if (current != null) {
                registry.unregister(name);
                registered.remove(name);
            }
            try {
                registry.register(tool);
                registered.put(name, tool);
            } catch (ToolRegistrationException e) {
                warnOnce(name, "MCP tool '{}' of server '{}' not registered: {}", tool.remoteName(), e.getMessage());
            }
            changed = true;
        }
        if (changed) {
            LOG.info("MCP server '{}' tools: {}", spec.name(), toolNames());
            onToolsChanged.run();
        }
    }

    private Optional<ExternalMcpTool> toTool(McpSchema.Tool t) {
        Optional<String> name = McpToolNames.registryName(spec.name(), t.name());
        if (name.isEmpty()) {
            warnOnce(
                    t.name(),
                    "MCP tool '{}' of server '{}' not registered: {}",
                    t.name(),
                    "its name cannot become a tool name");
            return Optional.empty();
        }
        Optional<McpToolSpec> described = describedAs(t.name());
        Set<String> roles = described
                .map(McpToolSpec::allowedRoles)
                .filter(r -> !r.isEmpty())
                .orElse(spec.allowedRoles());
        if (roles.isEmpty()) {
            warnOnce(
                    t.name(),
                    "MCP tool '{}' of server '{}' not registered: {}",
                    t.name(),
                    "MCP_SERVERS_FILE names no allowed_roles for it or its server");
            return Optional.empty();
        }
        String description = Optional.ofNullable(t.description())
                .filter(d -> !d.isBlank())
                .or(() -> Optional.ofNullable(t.title()))
                .orElse(t.name());
        Map<String, Object> schema = t.inputSchema() == null || t.inputSchema().isEmpty()
                ? Map.of("type", "object")
                : withoutDialect(t.inputSchema());
        ToolDescriptor descriptor = ToolDescriptor.builder(name.get())
                .withDescription(clip(description, 1000) + " (MCP server '" + spec.name() + "')")
                .withArgumentsSchema(schema)
                .withSideEffect(described.flatMap(McpToolSpec::sideEffect).orElse(spec.sideEffect()))
                .withAllowedRoles(roles)
                .withIdempotent(t.annotations() != null
                        && Boolean.TRUE.equals(t.annotations().idempotentHint()))
                .withTimeout(described.flatMap(McpToolSpec::timeout).orElse(spec.timeout()))
                .build();
        return Optional.of(new ExternalMcpTool(descriptor, t.name(), this));
    }

    private Optional<McpToolSpec> describedAs(String remoteName) {
        McpToolSpec exact = spec.tools().get(remoteName);
        if (exact != null) {
            return Optional.of(exact);
        }
        Optional<String> wire = McpToolNames.registryName(spec.name(), remoteName);
        return spec.tools().entrySet().stream()
                .filter(e -> McpToolNames.registryName(spec.name(), e.getKey()).equals(wire))
                .map(Map.Entry::getValue)
                .findFirst();
    }

    /** The schema without {@code $schema}: the registry validates with its own dialect. */
    private static Map<String, Object> withoutDialect(Map<String, Object> schema) {
        Map<String, Object> copy = new LinkedHashMap<>(schema);
        copy.remove("$schema");
        return copy;
    }

    private Duration requestTimeout() {
        Duration max = spec.timeout();
        for (McpToolSpec t : spec.tools().values()) {
            if (t.timeout().isPresent() && t.timeout().get().compareTo(max) > 0) {
                max = t.timeout().get();
            }
        }
        return max.plusSeconds(1);
    }

    private McpClientTransport transport() {
        if (spec.transport() instanceof McpServerSpec.Stdio stdio) {
            ServerParameters params = ServerParameters.builder(stdio.command())
                    .args(stdio.args())
                    .env(stdio.env())
                    .build();
            StdioClientTransport transport = new StdioClientTransport(params, McpJsonDefaults.getMapper()) {
                @Override
                protected ProcessBuilder getProcessBuilder() {
                    ProcessBuilder pb = super.getProcessBuilder();
                    stdio.workingDir().ifPresent(dir -> pb.directory(dir.toFile()));
                    return pb;
                }
            };
            transport.setStdErrorHandler(line -> LOG.debug("MCP server '{}' stderr: {}", spec.name(), line));
            return transport;
        }
        McpServerSpec.StreamableHttp http = (McpServerSpec.StreamableHttp) spec.transport();
        String url = http.url().toString();
        String path = http.url().getRawPath() == null || http.url().getRawPath().isEmpty()
                ? "/"
                : http.url().getRawPath()
                        + (http.url().getRawQuery() == null
                                ? ""
                                : "?" + http.url().getRawQuery());
        String base = url.substring(0, url.length() - path.length() + (path.equals("/") && !url.endsWith("/") ? 1 : 0));
        return HttpClientStreamableHttpTransport.builder(base)
                .endpoint(path)
                .connectTimeout(Duration.ofSeconds(10))
                .addHttpRequestCustomizer(
                        (request, method, uri, body, context) -> http.headers().forEach(request::header))
                .build();
    }

    private static List<McpSchema.Tool> listAll(McpSyncClient c) {
        List<McpSchema.Tool> all = new ArrayList<>();
        String cursor = null;
        for (int page = 0; page < 100; page++) {
            McpSchema.ListToolsResult result = cursor == null ? c.listTools() : c.listTools(cursor);
            all.addAll(result.tools());
            cursor = result.nextCursor();
            if (cursor == null || cursor.isEmpty()) {
                break;
            }
        }
        return all;
    }

    private static String text(McpSchema.CallToolResult result, boolean dropSerializedStructure) {
        StringBuilder out = new StringBuilder();
        if (result.content() != null) {
            List<McpSchema.TextContent> texts = result.content().stream()
                    .filter(McpSchema.TextContent.class::isInstance)
                    .map(McpSchema.TextContent.class::cast)
                    .toList();
            if (dropSerializedStructure
                    && texts.size() > 1
                    && texts.get(texts.size() - 1).text() != null
                    && texts.get(texts.size() - 1).text().strip().startsWith("{")) {
                texts = texts.subList(0, texts.size() - 1);
            }
            for (McpSchema.TextContent t : texts) {
                if (t.text() != null) {
                    if (out.length() > 0) {
                        out.append('\n');
                    }
                    out.append(t.text());
                }
            }
        }
        return out.toString();
    }

    /** The content blocks as plain values; binary data is summarized, not copied. */
    private static List<Map<String, Object>> content(McpSchema.CallToolResult result) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (result.content() == null) {
            return out;
        }
        for (McpSchema.Content c : result.content()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (c instanceof McpSchema.TextContent t) {
                m.put("type", "text");
                m.put("text", clip(t.text() == null ? "" : t.text(), MAX_SUMMARY));
            } else if (c instanceof McpSchema.ImageContent i) {
                m.put("type", "image");
                m.put("mime_type", i.mimeType());
                m.put("base64_length", i.data() == null ? 0 : i.data().length());
            } else {
                m.put(
                        "type",
                        c.getClass().getSimpleName().replace("Content", "").toLowerCase(Locale.ROOT));
            }
            out.add(m);
        }
        return out;
    }

    private void warnOnce(String key, String format, Object tool, Object reason) {
        if (warned.add(key + "|" + reason)) {
            LOG.warn(format, tool, spec.name(), reason);
        }
    }

    private static String clip(String s, int max) {
        if (s == null) {
            return "";
        }
        return s.length() <= max ? s : s.substring(0, max) + "…";
    }

    private static void closeNow(McpSyncClient c) {
        try {
            c.close();
        } catch (RuntimeException e) {
            LOG.debug("closing an MCP client: {}", e.toString());
        }
    }

    private static void closeQuietly(McpSyncClient c) {
        if (c == null) {
            return;
        }
        try {
            c.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("closing an MCP client: {}", e.toString());
        }
    }

    /** Closes the connection and removes its tools from the registry. */
    @Override
    public void close() {
        McpSyncClient c;
        synchronized (this) {
            state = State.CLOSED;
            if (pending != null) {
                pending.cancel(false);
            }
            c = client;
            client = null;
            registered.keySet().forEach(registry::unregister);
            registered.clear();
        }
        closeQuietly(c);
    }
}
