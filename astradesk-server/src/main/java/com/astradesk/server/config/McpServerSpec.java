package com.astradesk.server.config;

import com.astradesk.core.tool.SideEffect;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One external MCP server of {@code MCP_SERVERS_FILE}: how to reach it (a stdio command or a Streamable HTTP URL)
 * and how its tools are governed. Immutable.
 *
 * @param name         the server's name, the prefix of its tools' names ({@code <name>__<tool>})
 * @param transport    how to reach it
 * @param allowedRoles roles for tools the file does not describe (empty: such tools are not registered)
 * @param sideEffect   the default side effect of its tools (default {@code read})
 * @param timeout      the default timeout of one call
 * @param agents       the agents that may plan its tools (empty: every agent)
 * @param tools        the tools the file describes, by their MCP name
 */
public record McpServerSpec(
        String name,
        Transport transport,
        Set<String> allowedRoles,
        SideEffect sideEffect,
        Duration timeout,
        List<String> agents,
        Map<String, McpToolSpec> tools) {

    public McpServerSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(transport, "transport");
        allowedRoles = Set.copyOf(allowedRoles);
        Objects.requireNonNull(sideEffect, "sideEffect");
        Objects.requireNonNull(timeout, "timeout");
        agents = List.copyOf(agents);
        tools = Map.copyOf(tools);
    }

    /** Whether the named agent may plan this server's tools. */
    public boolean offeredTo(String agent) {
        return agents.isEmpty() || agents.contains(agent);
    }

    /** How the server is reached. */
    public sealed interface Transport permits Stdio, StreamableHttp {}

    /**
     * A child process speaking MCP on stdin/stdout.
     *
     * @param command    the program
     * @param args       its arguments
     * @param env        extra environment variables (values may come from the server's environment)
     * @param workingDir where it runs (default: the server's working directory)
     */
    public record Stdio(String command, List<String> args, Map<String, String> env, Optional<Path> workingDir)
            implements Transport {
        public Stdio {
            Objects.requireNonNull(command, "command");
            args = List.copyOf(args);
            env = Map.copyOf(env);
            workingDir = Objects.requireNonNullElse(workingDir, Optional.empty());
        }

        @Override
        public String toString() {
            // env values may be secrets
            return "Stdio[command=" + command + ", args=" + args + ", env=" + env.keySet() + "]";
        }
    }

    /**
     * A Streamable HTTP endpoint.
     *
     * @param url     the endpoint, e.g. {@code https://mcp.example.com/mcp}
     * @param headers headers sent with every request (values may come from the server's environment)
     */
    public record StreamableHttp(URI url, Map<String, String> headers) implements Transport {
        public StreamableHttp {
            Objects.requireNonNull(url, "url");
            headers = Map.copyOf(headers);
        }

        @Override
        public String toString() {
            // header values may be secrets
            return "StreamableHttp[url=" + url + ", headers=" + headers.keySet() + "]";
        }
    }
}
