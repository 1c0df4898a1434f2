package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.tool.SideEffect;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The external MCP servers named by {@code MCP_SERVERS_FILE} (JSON or YAML), checked strictly: an unknown key, a
 * bad value or an unset {@code ${VARIABLE}} stops the server with a message naming the file, the entry and the
 * key. Immutable.
 *
 * @param servers     the servers, in file order
 * @param startupWait how long start-up waits for the servers' first connection before serving without them
 *                    ({@code startup_wait}, default 10 s); they keep connecting in the background
 */
public record McpServersFile(List<McpServerSpec> servers, Duration startupWait) {
    /** A server name: lower-case letters, digits and single underscores, at most 24 characters. */
    public static final Pattern SERVER_NAME = Pattern.compile("^[a-z](?:[a-z0-9]|_(?!_)){0,23}$");

    private static final String VARIABLE = "MCP_SERVERS_FILE";
    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private static final Pattern DURATION = Pattern.compile("^(\\d{1,7})(ms|s|m)?$");
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public McpServersFile {
        servers = List.copyOf(servers);
        Objects.requireNonNull(startupWait, "startupWait");
    }

    /** No servers. */
    public static McpServersFile none() {
        return new McpServersFile(List.of(), Duration.ofSeconds(10));
    }

    /**
     * Reads and checks the file.
     *
     * @param file the file (JSON is YAML too)
     * @param env  the environment, for {@code ${VARIABLE}} references in URLs, headers, commands, arguments and
     *             environment values
     * @throws ConfigException naming {@code MCP_SERVERS_FILE} and the problem
     */
    public static McpServersFile read(Path file, Function<String, Optional<String>> env) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readString(file));
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ConfigException(VARIABLE, VARIABLE + " " + file + " does not exist");
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(
                    VARIABLE, VARIABLE + " " + file + " cannot be read as JSON or YAML: " + firstLine(e.getMessage()));
        }
        return new Parser(file, env).file(root);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** One pass over the tree; every error names where it is. */
    private static final class Parser {
        private final Path file;
        private final Function<String, Optional<String>> env;

        Parser(Path file, Function<String, Optional<String>> env) {
            this.file = file;
            this.env = env;
        }

        McpServersFile file(JsonNode root) {
            if (root == null || root.isMissingNode() || root.isNull()) {
                throw error("", "the file is empty; expected a 'servers' map");
            }
            object(root, "");
            keys(root, "", Set.of("servers", "startup_wait"));
            Duration wait = root.has("startup_wait")
                    ? duration(root.get("startup_wait"), "startup_wait")
                    : Duration.ofSeconds(10);
            JsonNode servers = root.get("servers");
            if (servers == null || !servers.isObject()) {
                throw error("servers", "expected a map of server name to server");
            }
            List<McpServerSpec> out = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : servers.properties()) {
                out.add(server(e.getKey(), e.getValue()));
            }
            return new McpServersFile(out, wait);
        }

        private McpServerSpec server(String name, JsonNode node) {
            String at = "servers." + name;
            if (!SERVER_NAME.matcher(name).matches()) {
                throw error(
                        at,
                        "a server name must match " + SERVER_NAME.pattern()
                                + " (it prefixes its tools' names as <server>__<tool>)");
            }
            object(node, at);
            keys(
                    node,
                    at,
                    Set.of(
                            "command",
                            "args",
                            "env",
                            "cwd",
                            "url",
                            "headers",
                            "allowed_roles",
                            "side_effect",
                            "timeout",
                            "agents",
                            "tools"));
            boolean stdio = node.has("command");
            boolean http = node.has("url");
            if (stdio == http) {
                throw error(at, "give either 'command' (stdio) or 'url' (Streamable HTTP)");
            }
            McpServerSpec.Transport transport;
            if (stdio) {
                for (String key : List.of("headers")) {
                    if (node.has(key)) {
                        throw error(at + "." + key, "only for a 'url' server");
                    }
                }
                Optional<Path> cwd = node.has("cwd")
                        ? Optional.of(path(text(node.get("cwd"), at + ".cwd"), at + ".cwd"))
                        : Optional.empty();
                transport = new McpServerSpec.Stdio(
                        resolved(node.get("command"), at + ".command"),
                        node.has("args") ? strings(node.get("args"), at + ".args", true) : List.of(),
                        node.has("env") ? stringMap(node.get("env"), at + ".env") : Map.of(),
                        cwd);
            } else {
                for (String key : List.of("args", "env", "cwd")) {
                    if (node.has(key)) {
                        throw error(at + "." + key, "only for a 'command' server");
                    }
                }
                transport = new McpServerSpec.StreamableHttp(
                        url(resolved(node.get("url"), at + ".url"), at + ".url"),
                        node.has("headers") ? stringMap(node.get("headers"), at + ".headers") : Map.of());
            }
            Set<String> roles =
                    node.has("allowed_roles") ? roles(node.get("allowed_roles"), at + ".allowed_roles") : Set.of();
            SideEffect sideEffect = node.has("side_effect")
                    ? sideEffect(node.get("side_effect"), at + ".side_effect")
                    : SideEffect.READ;
            Duration timeout = node.has("timeout") ? duration(node.get("timeout"), at + ".timeout") : DEFAULT_TIMEOUT;
            List<String> agents = node.has("agents") ? strings(node.get("agents"), at + ".agents", false) : List.of();
            Map<String, McpToolSpec> tools = new LinkedHashMap<>();
            if (node.has("tools")) {
                JsonNode toolsNode = node.get("tools");
                object(toolsNode, at + ".tools");
                for (Map.Entry<String, JsonNode> e : toolsNode.properties()) {
                    tools.put(e.getKey(), tool(e.getValue(), at + ".tools." + e.getKey()));
                }
            }
            return new McpServerSpec(name, transport, roles, sideEffect, timeout, agents, tools);
        }

        private McpToolSpec tool(JsonNode node, String at) {
            if (node == null || node.isNull()) {
                return new McpToolSpec(Set.of(), Optional.empty(), Optional.empty(), List.of());
            }
            object(node, at);
            keys(node, at, Set.of("allowed_roles", "side_effect", "timeout", "keyword_rules"));
            List<McpToolSpec.KeywordRule> rules = new ArrayList<>();
            if (node.has("keyword_rules")) {
                JsonNode list = node.get("keyword_rules");
                if (!list.isArray()) {
                    throw error(at + ".keyword_rules", "expected a list of rules");
                }
                for (int i = 0; i < list.size(); i++) {
                    rules.add(rule(list.get(i), at + ".keyword_rules[" + i + "]"));
                }
            }
            return new McpToolSpec(
                    node.has("allowed_roles") ? roles(node.get("allowed_roles"), at + ".allowed_roles") : Set.of(),
                    node.has("side_effect")
                            ? Optional.of(sideEffect(node.get("side_effect"), at + ".side_effect"))
                            : Optional.empty(),
                    node.has("timeout")
                            ? Optional.of(duration(node.get("timeout"), at + ".timeout"))
                            : Optional.empty(),
                    rules);
        }

        private McpToolSpec.KeywordRule rule(JsonNode node, String at) {
            object(node, at);
            keys(node, at, Set.of("triggers", "blockers", "at_clause_start", "arguments"));
            List<String> triggers =
                    node.has("triggers") ? strings(node.get("triggers"), at + ".triggers", false) : List.of();
            if (triggers.isEmpty()) {
                throw error(at + ".triggers", "a rule needs at least one trigger phrase");
            }
            Optional<Boolean> atStart = Optional.empty();
            if (node.has("at_clause_start")) {
                if (!node.get("at_clause_start").isBoolean()) {
                    throw error(at + ".at_clause_start", "expected true or false");
                }
                atStart = Optional.of(node.get("at_clause_start").booleanValue());
            }
            Map<String, Object> arguments = new LinkedHashMap<>();
            if (node.has("arguments")) {
                JsonNode args = node.get("arguments");
                object(args, at + ".arguments");
                for (Map.Entry<String, JsonNode> e : args.properties()) {
                    String where = at + ".arguments." + e.getKey();
                    JsonNode v = e.getValue();
                    if (v.isTextual()
                            && (v.asText().equals("whole_input") || v.asText().equals("title"))) {
                        arguments.put(e.getKey(), v.asText());
                    } else if (v.isObject()
                            && v.size() == 1
                            && v.has("constant")
                            && v.get("constant").isValueNode()) {
                        JsonNode c = v.get("constant");
                        arguments.put(
                                e.getKey(),
                                Map.of(
                                        "constant",
                                        c.isNumber()
                                                ? c.numberValue()
                                                : c.isBoolean() ? c.booleanValue() : c.asText()));
                    } else {
                        throw error(where, "expected whole_input, title or {constant: <value>}");
                    }
                }
            }
            return new McpToolSpec.KeywordRule(
                    triggers,
                    node.has("blockers") ? strings(node.get("blockers"), at + ".blockers", false) : List.of(),
                    atStart,
                    arguments);
        }

        private Set<String> roles(JsonNode node, String at) {
            List<String> roles = strings(node, at, false);
            if (roles.isEmpty()) {
                throw error(at, "name at least one role (a tool open to every caller cannot be configured here)");
            }
            Set<String> out = new LinkedHashSet<>();
            for (String r : roles) {
                String role = r.trim().toLowerCase(Locale.ROOT);
                if (role.isEmpty()) {
                    throw error(at, "a role must not be blank");
                }
                out.add(role);
            }
            return out;
        }

        private SideEffect sideEffect(JsonNode node, String at) {
            String v = text(node, at).toLowerCase(Locale.ROOT);
            for (SideEffect s : SideEffect.values()) {
                if (s.name().toLowerCase(Locale.ROOT).equals(v)) {
                    return s;
                }
            }
            throw error(at, "expected read, write or execute, was '" + abbreviate(v) + "'");
        }

        private Duration duration(JsonNode node, String at) {
            String v = node.isIntegralNumber()
                    ? node.asText()
                    : text(node, at).trim().toLowerCase(Locale.ROOT);
            Matcher m = DURATION.matcher(v);
            if (!m.matches()) {
                throw error(
                        at,
                        "expected a duration like 500ms, 30s or 2m (or whole seconds), was '" + abbreviate(v) + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofSeconds(n);
            };
            if (d.isZero() || d.compareTo(Duration.ofMinutes(30)) > 0) {
                throw error(at, "must be more than 0 and at most 30 minutes");
            }
            return d;
        }

        private URI url(String raw, String at) {
            try {
                URI uri = new URI(raw);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                    throw error(at, "expected an absolute http(s) URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw error(at, "not a valid URL");
            }
        }

        private Path path(String raw, String at) {
            try {
                return Path.of(raw).toAbsolutePath();
            } catch (InvalidPathException e) {
                throw error(at, "not a valid path");
            }
        }

        private Map<String, String> stringMap(JsonNode node, String at) {
            object(node, at);
            Map<String, String> out = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.put(e.getKey(), resolved(e.getValue(), at + "." + e.getKey()));
            }
            return out;
        }

        private List<String> strings(JsonNode node, String at, boolean resolve) {
            if (!node.isArray()) {
                throw error(at, "expected a list of strings");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                out.add(resolve ? resolved(node.get(i), at + "[" + i + "]") : text(node.get(i), at + "[" + i + "]"));
            }
            return out;
        }

        /** A string with its {@code ${VARIABLE}} references replaced from the environment. */
        private String resolved(JsonNode node, String at) {
            String raw = text(node, at);
            Matcher m = REFERENCE.matcher(raw);
            StringBuilder out = new StringBuilder();
            while (m.find()) {
                String name = m.group(1);
                String value =
                        env.apply(name).orElseThrow(() -> error(at, "refers to ${" + name + "}, which is not set"));
                m.appendReplacement(out, Matcher.quoteReplacement(value));
            }
            m.appendTail(out);
            return out.toString();
        }

        private String text(JsonNode node, String at) {
            if (node == null || !(node.isTextual() || node.isNumber() || node.isBoolean())) {
                throw error(at, "expected a string");
            }
            return node.asText();
        }

        private void object(JsonNode node, String at) {
            if (node == null || !node.isObject()) {
                throw error(at, "expected a map");
            }
        }

        private void keys(JsonNode node, String at, Set<String> allowed) {
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!allowed.contains(key)) {
                    throw error(
                            at.isEmpty() ? key : at + "." + key,
                            "unknown key; expected one of " + new java.util.TreeSet<>(allowed));
                }
            }
        }

        private ConfigException error(String at, String problem) {
            return new ConfigException(
                    VARIABLE, VARIABLE + " " + file + (at.isEmpty() ? "" : ": " + at) + ": " + problem);
        }

        private static String abbreviate(String s) {
            return s.length() > 40 ? s.substring(0, 40) + "..." : s;
        }
    }
}
