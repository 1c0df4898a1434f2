package com.astradesk.tools.ticket.internal;

import com.astradesk.core.coordination.LockHandle;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.BuiltinTools;
import com.astradesk.tools.support.internal.HttpJson;
import com.astradesk.tools.ticket.JiraConfig;
import com.astradesk.tools.ticket.Ticket;
import com.astradesk.tools.ticket.TicketBackend;
import com.astradesk.tools.ticket.TicketPriority;
import com.astradesk.tools.ticket.TicketStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * Tickets as issues of one Jira Cloud project over REST API v3 ({@code POST /rest/api/3/issue},
 * {@code GET /rest/api/3/issue/{key}}, {@code POST /rest/api/3/search/jql}), Basic authentication with the
 * account's e-mail and API token. Failures become {@link ToolFailureException}s naming Jira and the condition,
 * never the URL, the token or a response body. Thread-safe.
 */
public final class JiraTicketBackend implements TicketBackend {
    /** Label every issue created by AstraDesk carries. */
    public static final String LABEL = "astradesk";
    /** Prefix of the label holding a create's idempotency key (hashed with the reporter). */
    public static final String IDEMPOTENCY_LABEL_PREFIX = "astradesk-idem-";
    /** The issue property holding what AstraDesk knows and Jira does not (the reporter's subject). */
    public static final String PROPERTY = "astradesk";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String FIELDS = "summary,description,priority,status,created,project,reporter";
    private static final Duration LOCK_POLL = Duration.ofMillis(50);
    private static final DateTimeFormatter JIRA_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

    private final JiraConfig config;
    private final LockService locks;
    private final HttpJson createHttp;
    private final HttpJson readHttp;

    public JiraTicketBackend(JiraConfig config, LockService locks) {
        this.config = Objects.requireNonNull(config, "config");
        this.locks = Objects.requireNonNull(locks, "locks");
        String basic = "Basic "
                + Base64.getEncoder()
                        .encodeToString((config.user() + ":" + config.apiToken()).getBytes(StandardCharsets.UTF_8));
        this.createHttp = new HttpJson(BuiltinTools.CREATE_TICKET, "Jira", config.timeout(), Optional.of(basic));
        this.readHttp = new HttpJson(BuiltinTools.GET_TICKET, "Jira", config.timeout(), Optional.of(basic));
    }

    @Override
    @SuppressWarnings("try") // the lock handle is held, not used, for the try block's duration
    public Ticket create(
            String title,
            String description,
            TicketPriority priority,
            String reporter,
            Optional<String> idempotencyKey) {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(reporter, "reporter");
        if (idempotencyKey.isEmpty()) {
            return read(createHttp, open(title, description, priority, reporter, Optional.empty()))
                    .orElseThrow(() -> createHttp.unexpected("created issue not found"));
        }
        String label = idempotencyLabel(reporter, idempotencyKey.get());
        try (LockHandle held = lock(label)) {
            Optional<String> earlier = search(label);
            String key = earlier.isPresent()
                    ? earlier.get()
                    : open(title, description, priority, reporter, Optional.of(label));
            return read(createHttp, key).orElseThrow(() -> createHttp.unexpected("created issue not found"));
        }
    }

    @Override
    public Optional<Ticket> find(String id) {
        Objects.requireNonNull(id, "id");
        if (!id.startsWith(config.projectKey() + "-")) {
            return Optional.empty();
        }
        return read(readHttp, id);
    }

    @Override
    public String idPattern() {
        return "^" + config.projectKey() + "-\\d+$";
    }

    /** The label holding an idempotency key: a digest, so any key fits Jira's label rules and stays private. */
    static String idempotencyLabel(String reporter, String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((reporter + "\n" + key).getBytes(StandardCharsets.UTF_8));
            return IDEMPOTENCY_LABEL_PREFIX + HexFormat.of().formatHex(digest, 0, 20);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }

    private String open(
            String title, String description, TicketPriority priority, String reporter, Optional<String> label) {
        ObjectNode body = NODES.objectNode();
        ObjectNode fields = body.putObject("fields");
        fields.putObject("project").put("key", config.projectKey());
        fields.putObject("issuetype").put("name", config.issueType());
        fields.put("summary", title);
        fields.set("description", JiraDocuments.toAdf(description));
        fields.putObject("priority").put("name", jiraPriority(priority));
        var labels = fields.putArray("labels").add(LABEL);
        label.ifPresent(labels::add);
        ObjectNode property = body.putArray("properties").addObject().put("key", PROPERTY);
        property.putObject("value").put("reporter", reporter);
        HttpJson.Response created = createHttp.send(api("/issue"), "POST", Optional.of(body));
        checkAnswer(createHttp, created, "create issue");
        String key = created.body().path("key").asText("");
        if (!key.startsWith(config.projectKey() + "-")) {
            throw createHttp.unexpected("no issue key");
        }
        return key;
    }

    private Optional<String> search(String label) {
        ObjectNode body = NODES.objectNode()
                .put(
                        "jql",
                        "project = \"" + config.projectKey() + "\" AND labels = \"" + label + "\" ORDER BY created ASC")
                .put("maxResults", 1);
        body.putArray("fields").add("created");
        HttpJson.Response found = createHttp.send(api("/search/jql"), "POST", Optional.of(body));
        checkAnswer(createHttp, found, "search issues");
        JsonNode issues = found.body().path("issues");
        if (!issues.isArray()) {
            throw createHttp.unexpected("search without issues");
        }
        return issues.isEmpty()
                ? Optional.empty()
                : Optional.of(issues.get(0).path("key").asText());
    }

    private Optional<Ticket> read(HttpJson http, String key) {
        URI uri = HttpJson.withQuery(
                api("/issue/" + URLEncoder.encode(key, StandardCharsets.UTF_8)),
                Map.of("fields", FIELDS, "properties", PROPERTY));
        HttpJson.Response answer = http.send(uri, "GET", Optional.empty());
        if (answer.status() == 404) {
            return Optional.empty();
        }
        checkAnswer(http, answer, "read issue");
        JsonNode issue = answer.body();
        JsonNode fields = issue.path("fields");
        if (!config.projectKey().equals(fields.path("project").path("key").asText(config.projectKey()))) {
            return Optional.empty();
        }
        String reporter =
                issue.path("properties").path(PROPERTY).path("reporter").asText("");
        if (reporter.isEmpty()) {
            reporter = fields.path("reporter").path("displayName").asText("jira");
        }
        return Optional.of(new Ticket(
                issue.path("key").asText(key),
                fields.path("summary").asText(""),
                JiraDocuments.toText(fields.path("description")),
                priority(fields.path("priority").path("name").asText("")),
                status(fields.path("status")),
                reporter,
                created(http, fields.path("created").asText(""))));
    }

    private LockHandle lock(String label) {
        String resource = "ticket:jira:" + label;
        long deadline = System.nanoTime() + config.timeout().toNanos();
        while (true) {
            Optional<LockHandle> held =
                    locks.tryAcquire(resource, config.timeout().multipliedBy(3));
            if (held.isPresent()) {
                return held.get();
            }
            if (System.nanoTime() > deadline) {
                throw new ToolFailureException(
                        BuiltinTools.CREATE_TICKET, "the same ticket is being created by another request; try again");
            }
            try {
                Thread.sleep(LOCK_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolFailureException(BuiltinTools.CREATE_TICKET, "ticket creation was interrupted", e);
            }
        }
    }

    private URI api(String path) {
        return HttpJson.resolve(config.baseUrl(), "/rest/api/3" + path);
    }

    /** 2xx passes; a 400 names the fields Jira rejected (names only: values may be personal data). */
    private static void checkAnswer(HttpJson http, HttpJson.Response answer, String what) {
        int status = answer.status();
        if (status >= 200 && status <= 299) {
            return;
        }
        if (status == 401 || status == 403) {
            throw new ToolFailureException(
                    http.tool(),
                    "Jira refused the credentials (HTTP " + status + ") to " + what
                            + "; check JIRA_USER and JIRA_API_TOKEN");
        }
        if (status == 400) {
            var names = new StringJoiner(", ");
            Iterator<String> it = answer.body().path("errors").fieldNames();
            while (it.hasNext()) {
                String name = it.next();
                names.add(name.matches("[A-Za-z0-9_.\\-]{1,64}") ? name : "?");
            }
            throw http.backendError(what + " rejected" + (names.length() == 0 ? "" : " (" + names + ")"));
        }
        http.checkStatus(status);
    }

    private static String jiraPriority(TicketPriority p) {
        return switch (p) {
            case LOW -> "Low";
            case MEDIUM -> "Medium";
            case HIGH -> "High";
        };
    }

    private static TicketPriority priority(String jira) {
        return switch (jira.toLowerCase(Locale.ROOT)) {
            case "highest", "high", "critical", "blocker" -> TicketPriority.HIGH;
            case "low", "lowest", "minor", "trivial" -> TicketPriority.LOW;
            default -> TicketPriority.MEDIUM;
        };
    }

    /** By status category ({@code new}, {@code indeterminate}, {@code done}); a done "Closed" is closed. */
    private static TicketStatus status(JsonNode status) {
        return switch (status.path("statusCategory").path("key").asText("new")) {
            case "indeterminate" -> TicketStatus.IN_PROGRESS;
            case "done" ->
                "closed".equalsIgnoreCase(status.path("name").asText("")) ? TicketStatus.CLOSED : TicketStatus.RESOLVED;
            default -> TicketStatus.OPEN;
        };
    }

    private static Instant created(HttpJson http, String text) {
        try {
            return OffsetDateTime.parse(text, JIRA_TIME).toInstant();
        } catch (DateTimeParseException e) {
            throw http.unexpected("created is not a Jira timestamp");
        }
    }
}
