package com.astradesk.server.auditor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The alerting configuration: rules and channels, read from JSON (format in {@code docs/AUDIT_EVENTS.md}).
 * Immutable and thread-safe.
 *
 * <pre>{@code
 * {"channels": {"log": true, "webhook": {"url": "https://hooks.example.com/audit", "timeout": "PT5S"}},
 *  "rules": [
 *   {"name": "denied-execute", "type": "denied_side_effect", "side_effects": ["execute"]},
 *   {"name": "denial-burst", "type": "denial_burst", "threshold": 5, "window": "PT10M"},
 *   {"name": "restart-off-hours", "type": "outside_window", "actions": ["restart_service"],
 *    "allowed": "Mon-Fri 08:00-18:00 Europe/Warsaw"}]}
 * }</pre>
 *
 * @param rules          the rules, evaluated for every event
 * @param logChannel     whether alerts are logged
 * @param webhook        the webhook URL, if any
 * @param webhookTimeout the webhook request timeout
 */
public record AlertRules(List<AlertRule> rules, boolean logChannel, Optional<URI> webhook, Duration webhookTimeout) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public AlertRules {
        rules = List.copyOf(rules);
        webhook = Objects.requireNonNullElse(webhook, Optional.empty());
        Objects.requireNonNull(webhookTimeout, "webhookTimeout");
        Set<String> names = new LinkedHashSet<>();
        for (AlertRule r : rules) {
            if (!names.add(r.name())) {
                throw new IllegalArgumentException("alert rule name '" + r.name() + "' is used twice");
            }
        }
    }

    /**
     * The built-in rules: any denied {@code execute} tool; 5 denials by one principal within 10 minutes;
     * any {@code execute} tool (e.g. {@code restart_service}) run outside Mon-Fri 08:00-18:00 UTC. Log channel
     * only. They name side effects, not tools, so a new tool needs no edit here.
     */
    public static AlertRules defaults() {
        return new AlertRules(
                List.of(
                        new AlertRule.DeniedSideEffect("denied-execute", Set.of("execute")),
                        new AlertRule.DenialBurst("denial-burst", 5, Duration.ofMinutes(10)),
                        new AlertRule.OutsideWindow(
                                "execute-outside-window",
                                Set.of(),
                                Set.of("execute"),
                                AllowedWindow.parse("Mon-Fri 08:00-18:00 UTC"))),
                true,
                Optional.empty(),
                Duration.ofSeconds(5));
    }

    /**
     * Reads the JSON configuration.
     *
     * @throws IllegalArgumentException naming the rule or field that is wrong
     */
    public static AlertRules parse(String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("alert rules are not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("alert rules must be a JSON object with 'rules' and 'channels'");
        }
        JsonNode channels = root.path("channels");
        boolean log = channels.path("log").asBoolean(true);
        Optional<URI> webhook = Optional.empty();
        Duration timeout = Duration.ofSeconds(5);
        JsonNode hook = channels.path("webhook");
        if (hook.isObject()) {
            String url = text(hook, "url", "channels.webhook");
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException("channels.webhook.url must be an http(s) URL");
            }
            webhook = Optional.of(uri);
            if (hook.has("timeout")) {
                timeout = duration(hook, "timeout", "channels.webhook");
            }
        }
        List<AlertRule> rules = new ArrayList<>();
        JsonNode list = root.path("rules");
        if (!list.isMissingNode() && !list.isArray()) {
            throw new IllegalArgumentException("alert rules: 'rules' must be an array");
        }
        for (JsonNode r : list) {
            rules.add(rule(r));
        }
        return new AlertRules(rules, log, webhook, timeout);
    }

    /** The channels this configuration names. */
    public List<AlertChannel> channels() {
        List<AlertChannel> out = new ArrayList<>();
        if (logChannel) {
            out.add(AlertChannel.log());
        }
        webhook.ifPresent(url -> out.add(AlertChannel.webhook(url, webhookTimeout)));
        return out;
    }

    private static AlertRule rule(JsonNode r) {
        String name = text(r, "name", "rule");
        String where = "rule " + name;
        String type = text(r, "type", where);
        return switch (type) {
            case "denied_side_effect" -> new AlertRule.DeniedSideEffect(name, strings(r, "side_effects", where));
            case "denial_burst" ->
                new AlertRule.DenialBurst(name, r.path("threshold").asInt(0), duration(r, "window", where));
            case "outside_window" ->
                new AlertRule.OutsideWindow(
                        name,
                        r.has("actions") || !r.has("side_effects") ? strings(r, "actions", where) : Set.of(),
                        r.has("side_effects") ? strings(r, "side_effects", where) : Set.of(),
                        AllowedWindow.parse(text(r, "allowed", where)));
            default ->
                throw new IllegalArgumentException(where + ": unknown type '" + type
                        + "' (use denied_side_effect, denial_burst or outside_window)");
        };
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a non-empty string");
        }
        return v.asText();
    }

    private static Set<String> strings(JsonNode node, String field, String where) {
        JsonNode v = node.path(field);
        if (!v.isArray() || v.isEmpty()) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be a non-empty array of strings");
        }
        Set<String> out = new LinkedHashSet<>();
        v.forEach(x -> out.add(x.asText()));
        return out;
    }

    private static Duration duration(JsonNode node, String field, String where) {
        String text = text(node, field, where);
        try {
            return Duration.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + ": '" + field + "' must be an ISO-8601 duration such as PT10M");
        }
    }
}
