package com.astradesk.tools.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback stand-in for one Jira Cloud project, serving the documented shapes of REST API v3: {@code POST
 * /rest/api/3/issue} (validates the project, issue type, summary, Atlassian Document Format description,
 * priority name, labels and entity properties; unknown fields are refused like Jira refuses fields missing from
 * the create screen), {@code GET /rest/api/3/issue/{key}} (with {@code fields} and {@code properties}) and
 * {@code POST /rest/api/3/search/jql} (the JQL {@code project = "X" AND labels = "Y"}). Every request must carry
 * Basic authentication with the configured e-mail and API token, else 401 as Jira answers. Thread-safe.
 */
public final class FakeJira implements AutoCloseable {
    /** Priorities of Jira's default scheme. */
    public static final Set<String> PRIORITIES = Set.of("Highest", "High", "Medium", "Low", "Lowest");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter CREATED =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ").withZone(ZoneOffset.UTC);
    private static final Pattern ISSUE_PATH = Pattern.compile("^/rest/api/3/issue/([^/]+)$");
    private static final Pattern LABEL_JQL = Pattern.compile(
            "^project = \"([A-Z][A-Z0-9_]*)\" AND labels = \"([^\"\\s]+)\"( ORDER BY created (ASC|DESC))?$");
    private static final Set<String> CREATE_FIELDS =
            Set.of("project", "issuetype", "summary", "description", "priority", "labels");

    private final HttpServer server;
    private final String project;
    private final String authorization;
    private final Map<String, ObjectNode> issues = new LinkedHashMap<>();
    private final List<JsonNode> createBodies = new CopyOnWriteArrayList<>();
    private int nextNumber = 1;

    /** A project {@code project} accepting Basic {@code user}:{@code token}. */
    public FakeJira(String project, String user, String token) throws IOException {
        this.project = project;
        this.authorization =
                "Basic " + Base64.getEncoder().encodeToString((user + ":" + token).getBytes(StandardCharsets.UTF_8));
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "fake-jira");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** The site URL, e.g. {@code http://127.0.0.1:40123}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The bodies of every accepted create request, in order. */
    public List<JsonNode> createBodies() {
        return List.copyOf(createBodies);
    }

    /** How many issues exist. */
    public synchronized int issueCount() {
        return issues.size();
    }

    /** Moves an issue to a workflow status, e.g. {@code ("In Progress", "indeterminate")}. */
    public synchronized void transition(String key, String statusName, String categoryKey) {
        ObjectNode status = ((ObjectNode) issues.get(key).get("fields")).putObject("status");
        status.put("name", statusName);
        status.putObject("statusCategory").put("key", categoryKey).put("name", statusName);
    }

    /** Sets an issue's priority as a Jira user could, e.g. {@code Highest}. */
    public synchronized void setPriority(String key, String priority) {
        ((ObjectNode) issues.get(key).get("fields")).putObject("priority").put("name", priority);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, "Client must be authenticated to access this resource.");
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            Matcher issue = ISSUE_PATH.matcher(path);
            if ("POST".equals(method) && path.equals("/rest/api/3/issue")) {
                create(exchange);
            } else if ("POST".equals(method) && path.equals("/rest/api/3/search/jql")) {
                search(exchange);
            } else if ("GET".equals(method) && issue.matches()) {
                get(exchange, issue.group(1));
            } else {
                reply(exchange, 404, errors(List.of("No route " + method + " " + path), Map.of()));
            }
        }
    }

    private void create(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        if (body == null) {
            reply(exchange, 400, errors(List.of("Unexpected character: not JSON"), Map.of()));
            return;
        }
        Map<String, String> problems = new LinkedHashMap<>();
        JsonNode fields = body.path("fields");
        for (Iterator<String> it = fields.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!CREATE_FIELDS.contains(name)) {
                problems.put(
                        name, "Field '" + name + "' cannot be set. It is not on the appropriate screen, or unknown.");
            }
        }
        if (!project.equals(fields.path("project").path("key").asText())) {
            problems.put("project", "valid project is required");
        }
        if (!Set.of("Task", "Bug", "Story")
                .contains(fields.path("issuetype").path("name").asText())) {
            problems.put("issuetype", "valid issue type is required");
        }
        String summary = fields.path("summary").asText("");
        if (!fields.path("summary").isTextual()
                || summary.isBlank()
                || summary.length() > 255
                || summary.contains("\n")) {
            problems.put("summary", "You must specify a summary of the issue.");
        }
        if (!isAdf(fields.path("description"))) {
            problems.put(
                    "description", "Operation value must be an Atlassian Document (see the Atlassian Document Format)");
        }
        if (!PRIORITIES.contains(fields.path("priority").path("name").asText())) {
            problems.put("priority", "Specify a valid value for priority");
        }
        JsonNode labels = fields.path("labels");
        if (!labels.isArray()) {
            problems.put("labels", "Labels must be an array of strings");
        } else {
            for (JsonNode label : labels) {
                if (!label.isTextual()
                        || label.asText().isEmpty()
                        || label.asText().length() > 255
                        || label.asText().matches(".*\\s.*")) {
                    problems.put("labels", "The label '" + label.asText() + "' contains spaces which is invalid.");
                }
            }
        }
        JsonNode properties = body.path("properties");
        if (!properties.isMissingNode() && !properties.isArray()) {
            problems.put("properties", "properties must be an array of {key, value}");
        }
        if (!problems.isEmpty()) {
            reply(exchange, 400, errors(List.of(), problems));
            return;
        }
        createBodies.add(body);
        ObjectNode created;
        synchronized (this) {
            int number = nextNumber++;
            String key = project + "-" + number;
            ObjectNode stored = JSON.createObjectNode();
            stored.put("id", Integer.toString(10_000 + number));
            stored.put("key", key);
            stored.put("self", url() + "/rest/api/3/issue/" + (10_000 + number));
            ObjectNode f = stored.putObject("fields");
            f.put("summary", summary);
            f.set("description", fields.get("description"));
            f.putObject("priority")
                    .put("name", fields.path("priority").path("name").asText());
            f.set("labels", labels.deepCopy());
            f.put("created", CREATED.format(Instant.now()));
            f.putObject("project").put("key", project).put("name", "Project " + project);
            f.putObject("reporter").put("displayName", "AstraDesk Bot").put("accountId", "557058:astradesk");
            ObjectNode status = f.putObject("status").put("name", "To Do");
            status.putObject("statusCategory").put("key", "new").put("name", "To Do");
            ObjectNode props = stored.putObject("properties");
            for (JsonNode p : properties) {
                props.set(p.path("key").asText(), p.path("value"));
            }
            issues.put(key, stored);
            created = JSON.createObjectNode()
                    .put("id", stored.get("id").asText())
                    .put("key", key)
                    .put("self", stored.get("self").asText());
        }
        reply(exchange, 201, created.toString());
    }

    private void get(HttpExchange exchange, String key) throws IOException {
        ObjectNode stored;
        synchronized (this) {
            stored = issues.get(URLDecoder.decode(key, StandardCharsets.UTF_8));
            stored = stored == null ? null : stored.deepCopy();
        }
        if (stored == null) {
            reply(
                    exchange,
                    404,
                    errors(List.of("Issue does not exist or you do not have permission to see it."), Map.of()));
            return;
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<String> wanted = List.of(query.getOrDefault("fields", "").split(","));
        ObjectNode fields = (ObjectNode) stored.get("fields");
        fields.retain(wanted);
        ObjectNode properties = (ObjectNode) stored.remove("properties");
        List<String> wantedProps = List.of(query.getOrDefault("properties", "").split(","));
        properties.retain(wantedProps);
        if (!properties.isEmpty()) {
            stored.set("properties", properties);
        }
        reply(exchange, 200, stored.toString());
    }

    private void search(HttpExchange exchange) throws IOException {
        JsonNode body = body(exchange);
        String jql = body == null ? "" : body.path("jql").asText("");
        Matcher m = LABEL_JQL.matcher(jql);
        if (!m.matches()) {
            reply(exchange, 400, errors(List.of("Error in the JQL Query: unsupported by this fake: " + jql), Map.of()));
            return;
        }
        int max = body.path("maxResults").asInt(50);
        List<ObjectNode> found = new ArrayList<>();
        synchronized (this) {
            for (ObjectNode stored : issues.values()) {
                boolean inProject = stored.path("fields")
                        .path("project")
                        .path("key")
                        .asText()
                        .equals(m.group(1));
                boolean labelled = false;
                for (JsonNode label : stored.path("fields").path("labels")) {
                    labelled |= label.asText().equals(m.group(2));
                }
                if (inProject && labelled) {
                    ObjectNode hit = JSON.createObjectNode()
                            .put("id", stored.get("id").asText())
                            .put("key", stored.get("key").asText());
                    hit.putObject("fields")
                            .put(
                                    "created",
                                    stored.path("fields").path("created").asText());
                    found.add(hit);
                }
            }
        }
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode list = answer.putArray("issues");
        found.stream().limit(max).forEach(list::add);
        answer.put("isLast", found.size() <= max);
        reply(exchange, 200, answer.toString());
    }

    /** Paragraphs of text and hard breaks, as the adapter writes them; anything else is not ADF. */
    private static boolean isAdf(JsonNode doc) {
        if (!"doc".equals(doc.path("type").asText())
                || doc.path("version").asInt() != 1
                || !doc.path("content").isArray()) {
            return false;
        }
        for (JsonNode block : doc.path("content")) {
            if (!"paragraph".equals(block.path("type").asText())
                    || !block.path("content").isArray()) {
                return false;
            }
            for (JsonNode inline : block.path("content")) {
                String type = inline.path("type").asText();
                boolean text = "text".equals(type)
                        && inline.path("text").isTextual()
                        && !inline.path("text").asText().isEmpty();
                if (!text && !"hardBreak".equals(type)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static JsonNode body(HttpExchange exchange) throws IOException {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.startsWith("application/json")) {
            return null;
        }
        try {
            return JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            return null;
        }
    }

    private static String errors(List<String> messages, Map<String, String> errors) {
        ObjectNode node = JSON.createObjectNode();
        messages.forEach(node.putArray("errorMessages")::add);
        ObjectNode e = node.putObject("errors");
        errors.forEach(e::put);
        return node.toString();
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json;charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        var out = new LinkedHashMap<String, String>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }
}
