package com.astradesk.server.mcp;

import com.astradesk.core.agent.Agent;
import com.astradesk.core.knowledge.Retriever;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolDescriptor;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.core.tool.ToolRegistryBuilder;
import io.modelcontextprotocol.common.McpTransportContext;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The AstraDesk tools as a Model Context Protocol server (Streamable HTTP, the official MCP Java SDK). {@code
 * tools/list} shows a caller the registry's tools its policy lets the caller use ({@link
 * ToolRegistry#availableTo}), plus {@code search_knowledge} and one {@code ask_<agent>} per agent; {@code
 * tools/call} runs through the registry's chain as a {@link ToolCall} on channel {@value #CHANNEL}, so policy,
 * approvals, rate limits, validation and audit apply exactly as to an agent's step. Authentication is the HTTP
 * endpoint's ({@link #serve}); this class never sees a token. Thread-safe.
 */
public final class McpToolServer implements AutoCloseable {
    /** The {@link ToolCall#channel()} of calls arriving over MCP. */
    public static final String CHANNEL = "mcp";
    /** The path the server answers on. */
    public static final String PATH = "/mcp";

    private static final Logger LOG = LoggerFactory.getLogger(McpToolServer.class);
    private static final String CALLER = "astradesk.mcp.caller";

    private final ToolRegistry governed;
    private final ToolRegistry own;
    private final Set<String> agentTools;
    private final HttpServletStreamableServerTransportProvider transport;
    private final McpSyncServer server;
    private final Map<String, ToolDescriptor> offered = new HashMap<>();

    private McpToolServer(Builder b) {
        this.governed = b.registry;
        ToolRegistryBuilder ownBuilder = b.ownRegistry;
        this.agentTools = new HashSet<>();
        for (Agent agent : b.agents) {
            AgentTool tool = new AgentTool(agent);
            ownBuilder.withTool(tool);
            agentTools.add(tool.descriptor().name());
        }
        b.retriever.ifPresent(r -> ownBuilder.withTool(new KnowledgeSearchTool(r, b.topK, b.minScore)));
        this.own = ownBuilder.build();
        this.transport = HttpServletStreamableServerTransportProvider.builder()
                .jsonMapper(McpJsonDefaults.getMapper())
                .mcpEndpoint(PATH)
                .maxRequestSize(b.maxRequestBytes)
                .keepAliveInterval(b.keepAlive)
                .contextExtractor(request -> {
                    Object caller = request.getAttribute(CALLER);
                    return caller == null
                            ? McpTransportContext.EMPTY
                            : McpTransportContext.create(Map.of(CALLER, caller));
                })
                .build();
        this.server = McpServer.sync(transport)
                .serverInfo(McpSchema.Implementation.builder("astradesk", b.version)
                        .title("AstraDesk")
                        .build())
                .instructions("AstraDesk IT-support and SRE tools. Every call runs with your roles and is audited;"
                        + " a call that needs approval returns its approval id instead of running.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                // the registry validates arguments, so a bad call is an audited invalid_arguments outcome
                .validateToolInputs(false)
                .addToolFilter((context, tool) ->
                        caller(context).map(c -> c.mayList(tool.name())).orElse(false))
                .build();
        refresh();
    }

    /** A builder over the registry every call passes. */
    public static Builder builder(ToolRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Serves one HTTP request on {@link #PATH} for an authenticated caller: the SDK's Streamable HTTP transport
     * (POST messages, GET stream, DELETE session). Brings the offered tools up to date with the registry first.
     */
    public void serve(HttpServletRequest request, HttpServletResponse response, Principal principal, String requestId)
            throws ServletException, IOException {
        Objects.requireNonNull(principal, "principal");
        refresh();
        request.setAttribute(CALLER, new Caller(principal, requestId));
        transport.service(request, response);
    }

    /** The names of the tools offered to {@code principal}, sorted (what {@code tools/list} returns). */
    public List<String> toolsFor(Principal principal) {
        return new Caller(principal, "-").visible().stream().sorted().toList();
    }

    /**
     * Brings the offered tools in line with the registries (tools registered or removed since, e.g. an external
     * MCP server's) and tells connected clients when the list changed.
     */
    public synchronized void refresh() {
        Map<String, ToolDescriptor> wanted = new LinkedHashMap<>();
        governed.descriptors().forEach(d -> wanted.put(d.name(), d));
        for (ToolDescriptor d : own.descriptors()) {
            if (wanted.put(d.name(), d) != null) {
                LOG.warn("registry tool '{}' is hidden from MCP by the MCP server's own tool of that name", d.name());
            }
        }
        boolean changed = false;
        for (String name : List.copyOf(offered.keySet())) {
            if (!wanted.containsKey(name)) {
                server.removeTool(name);
                offered.remove(name);
                changed = true;
            }
        }
        for (ToolDescriptor d : wanted.values()) {
            ToolDescriptor current = offered.get(d.name());
            if (d.equals(current)) {
                continue;
            }
            if (current != null) {
                server.removeTool(d.name());
            }
            server.addTool(McpServerFeatures.SyncToolSpecification.builder()
                    .tool(McpResults.tool(d, agentTools.contains(d.name())))
                    .callHandler((exchange, request) -> call(exchange.transportContext(), request))
                    .build());
            offered.put(d.name(), d);
            changed = true;
        }
        if (changed && !offered.isEmpty()) {
            try {
                server.notifyToolsListChanged();
            } catch (RuntimeException e) {
                LOG.debug("tools/list_changed not delivered: {}", e.toString());
            }
        }
    }

    private McpSchema.CallToolResult call(McpTransportContext context, McpSchema.CallToolRequest request) {
        Optional<Caller> caller = caller(context);
        if (caller.isEmpty()) {
            return McpResults.error("not authenticated");
        }
        ToolRegistry registry = own.find(request.name()).isPresent() ? own : governed;
        String runId = "mcp-" + UUID.randomUUID();
        ToolCall call = ToolCall.builder()
                .withTool(request.name())
                .withArguments(request.arguments())
                .withPrincipal(caller.get().principal())
                .withRunId(runId)
                .withRequestId(caller.get().requestId())
                .withChannel(CHANNEL)
                .build();
        return McpResults.result(registry.execute(call));
    }

    private static Optional<Caller> caller(McpTransportContext context) {
        return context != null && context.get(CALLER) instanceof Caller c ? Optional.of(c) : Optional.empty();
    }

    /** Closes the sessions (their streams end). */
    @Override
    public void close() {
        try {
            server.closeGracefully();
        } catch (RuntimeException e) {
            LOG.debug("MCP server close: {}", e.toString());
        }
    }

    /** One HTTP request's caller; what it may see is computed once per request. */
    private final class Caller {
        private final Principal principal;
        private final String requestId;
        private volatile Set<String> visible;

        Caller(Principal principal, String requestId) {
            this.principal = principal;
            this.requestId = requestId;
        }

        Principal principal() {
            return principal;
        }

        String requestId() {
            return requestId;
        }

        boolean mayList(String tool) {
            return visible().contains(tool);
        }

        Set<String> visible() {
            Set<String> v = visible;
            if (v == null) {
                Set<String> names = new HashSet<>();
                governed.availableTo(principal).forEach(d -> names.add(d.name()));
                own.availableTo(principal).forEach(d -> names.add(d.name()));
                v = Set.copyOf(names);
                visible = v;
            }
            return v;
        }
    }

    /** Builds a {@link McpToolServer}. Not thread-safe. */
    public static final class Builder {
        private final ToolRegistry registry;
        private ToolRegistryBuilder ownRegistry = ToolRegistry.builder();
        private List<Agent> agents = List.of();
        private Optional<Retriever> retriever = Optional.empty();
        private int topK = 5;
        private double minScore;
        private String version = "dev";
        private int maxRequestBytes = 64 * 1024;
        private Duration keepAlive = Duration.ofSeconds(15);

        private Builder(ToolRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * The registry builder for the MCP server's own tools ({@code search_knowledge}, {@code ask_*}): give it
         * the same policy, rate limit and audit sink as the main registry, so those calls are governed and
         * audited alike; default a plain registry (role policy, no limit, audit discarded).
         */
        public Builder withOwnToolChain(ToolRegistryBuilder builder) {
            this.ownRegistry = Objects.requireNonNull(builder, "builder");
            return this;
        }

        /** The agents offered as {@code ask_<name>} tools, run as the caller. */
        public Builder withAgents(List<Agent> agents) {
            this.agents = List.copyOf(Objects.requireNonNull(agents, "agents"));
            return this;
        }

        /** Offers {@code search_knowledge} over this retriever: {@code topK} passages by default, none under {@code minScore}. */
        public Builder withKnowledge(Retriever retriever, int topK, double minScore) {
            this.retriever = Optional.of(Objects.requireNonNull(retriever, "retriever"));
            if (topK < 1) {
                throw new IllegalArgumentException("topK must be >= 1, was " + topK);
            }
            this.topK = topK;
            this.minScore = minScore;
            return this;
        }

        /** The version announced in {@code initialize}. */
        public Builder withVersion(String version) {
            this.version = Objects.requireNonNull(version, "version");
            return this;
        }

        /** Largest accepted JSON-RPC message; default 64 KiB. */
        public Builder withMaxRequestBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("maxRequestBytes must be positive, was " + bytes);
            }
            this.maxRequestBytes = bytes;
            return this;
        }

        /** How often open streams are pinged; default 15 s. */
        public Builder withKeepAlive(Duration interval) {
            Objects.requireNonNull(interval, "interval");
            if (interval.isNegative() || interval.isZero()) {
                throw new IllegalArgumentException("keepAlive must be positive, was " + interval);
            }
            this.keepAlive = interval;
            return this;
        }

        public McpToolServer build() {
            return new McpToolServer(this);
        }
    }
}
