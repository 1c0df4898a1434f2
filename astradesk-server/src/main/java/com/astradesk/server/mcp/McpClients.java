package com.astradesk.server.mcp;

import com.astradesk.core.plan.keyword.ArgumentExtractor;
import com.astradesk.core.plan.keyword.ArgumentExtractors;
import com.astradesk.core.plan.keyword.IntentRule;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.config.McpServerSpec;
import com.astradesk.server.config.McpServersFile;
import com.astradesk.server.config.McpToolSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * AstraDesk as an MCP client: the external servers of {@code MCP_SERVERS_FILE}, their tools registered in the
 * {@link ToolRegistry} as {@code <server>__<tool>} (so they pass the same chain and audit as built-in tools), kept
 * connected and in sync with each server's tool list. Thread-safe; close to disconnect and unregister.
 */
public final class McpClients implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(McpClients.class);

    private final McpServersFile file;
    private final List<McpConnection> connections;
    private final ScheduledExecutorService scheduler;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    private McpClients(McpServersFile file, ToolRegistry registry, String version) {
        this.file = Objects.requireNonNull(file, "file");
        Objects.requireNonNull(registry, "registry");
        this.scheduler = Executors.newScheduledThreadPool(
                Math.max(1, Math.min(4, file.servers().size())), r -> {
                    Thread t = new Thread(r, "astradesk-mcp-client");
                    t.setDaemon(true);
                    return t;
                });
        List<McpConnection> list = new ArrayList<>();
        for (McpServerSpec spec : file.servers()) {
            list.add(new McpConnection(spec, registry, scheduler, this::toolsChanged, version));
        }
        this.connections = List.copyOf(list);
    }

    /**
     * Registers the tools the file describes, starts connecting to every server in the background and waits up to
     * the file's {@code startup_wait} for each first attempt, so that the tools of reachable servers are registered
     * before agents are built.
     */
    public static McpClients start(McpServersFile file, ToolRegistry registry, String version) {
        McpClients clients = new McpClients(file, registry, version);
        clients.connections.forEach(McpConnection::start);
        long deadline = System.nanoTime() + file.startupWait().toNanos();
        for (McpConnection c : clients.connections) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!c.awaitFirstAttempt(Duration.ofNanos(left))) {
                    LOG.warn(
                            "MCP server '{}' not connected after {}; still trying in the background",
                            c.name(),
                            file.startupWait());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return clients;
    }

    /** No external servers. */
    public static McpClients none(ToolRegistry registry) {
        return new McpClients(McpServersFile.none(), registry, "-");
    }

    /** Runs {@code listener} whenever the registered external tools change (e.g. to tell MCP clients of ours). */
    public void onToolsChanged(Runnable listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    private void toolsChanged() {
        for (Runnable l : listeners) {
            try {
                l.run();
            } catch (RuntimeException e) {
                LOG.warn("MCP tools-changed listener failed: {}", e.toString());
            }
        }
    }

    /** The registered external tools the named agent may plan (its servers' {@code agents}), sorted. */
    public List<String> toolsFor(String agent) {
        return connections.stream()
                .filter(c -> c.spec().offeredTo(agent))
                .flatMap(c -> c.toolNames().stream())
                .sorted()
                .toList();
    }

    /** Every server's state ({@code connecting}, {@code up}, {@code down}) by name. */
    public Map<String, String> states() {
        Map<String, String> out = new LinkedHashMap<>();
        connections.forEach(c -> out.put(c.name(), c.state().name().toLowerCase(java.util.Locale.ROOT)));
        return out;
    }

    /** The {@code tools/list_changed} notifications received from the named server. */
    public int listChanges(String server) {
        return connection(server).listChanges();
    }

    /** How often the named server was (re)connected. */
    public int connects(String server) {
        return connection(server).connects();
    }

    private McpConnection connection(String server) {
        return connections.stream()
                .filter(c -> c.name().equals(server))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no MCP server '" + server + "'"));
    }

    /**
     * The keyword-planner rules the file gives ({@code keyword_rules} of a tool): each plans {@code
     * <server>__<tool>}; a write/execute tool's triggers must start their clause unless {@code at_clause_start}
     * says otherwise.
     */
    public List<IntentRule> keywordRules() {
        List<IntentRule> rules = new ArrayList<>();
        for (McpServerSpec server : file.servers()) {
            server.tools().forEach((name, tool) -> {
                String wire = McpToolNames.registryName(server.name(), name).orElse(null);
                if (wire == null) {
                    return;
                }
                SideEffect effect = tool.sideEffect().orElse(server.sideEffect());
                for (McpToolSpec.KeywordRule r : tool.keywordRules()) {
                    IntentRule.Builder b = IntentRule.builder(wire, wire)
                            .withTriggers(r.triggers())
                            .withBlockers(r.blockers())
                            .withPlacement(
                                    r.atClauseStart().orElse(effect != SideEffect.READ)
                                            ? IntentRule.Placement.CLAUSE_START
                                            : IntentRule.Placement.ANYWHERE);
                    r.arguments().forEach((arg, how) -> b.withArgument(arg, extractor(how)));
                    rules.add(b.build());
                }
            });
        }
        return rules;
    }

    private static ArgumentExtractor extractor(Object how) {
        if (how instanceof Map<?, ?> m && m.containsKey("constant")) {
            return ArgumentExtractors.constant(m.get("constant"));
        }
        return "title".equals(how) ? ArgumentExtractors.title() : ArgumentExtractors.wholeInput();
    }

    /** Disconnects every server and unregisters its tools. */
    @Override
    public void close() {
        connections.forEach(McpConnection::close);
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
