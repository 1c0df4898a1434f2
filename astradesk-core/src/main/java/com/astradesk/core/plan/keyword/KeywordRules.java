package com.astradesk.core.plan.keyword;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.spi.ToolProvider;
import com.astradesk.core.spi.ToolProviders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Reads keyword rules from resource files — the English and Polish phrase tables that {@link ToolProvider}s
 * contribute with {@link ToolProvider#keywordRules()} — so a tool's rules live next to the tool, not in Java.
 * The format (documented in {@code docs/PLANNER.md}):
 *
 * <pre>{@code
 * {"phrases": {"dont": ["don't", "do not", "nie"]},
 *  "rules": [{"intent": "vpn_reset", "tool": "reset_vpn", "placement": "clause_start",
 *             "triggers": {"en": ["reset ... vpn"], "pl": ["zresetuj ... vpn"]},
 *             "blockers": {"shared": ["@dont"], "en": ["why"]},
 *             "arguments": {"user": {"extractor": "whole_input"}}}]}
 * }</pre>
 *
 * A rule may also carry {@code "refuse_when"} (regular expressions over the query as written) and {@code
 * "refusal": {"en": ..., "pl": ...}}: when a pattern occurs, the step is not planned and the question is asked
 * (a restart followed by shell or SQL text). {@code "blockers_unless_found": {"argument": "service", "phrases":
 * {"en": ["what is"]}}} blocks like {@code blockers} unless the argument's extractor finds a value in the trigger's
 * sentence ("what is latency?" is a knowledge question, "what is the latency of webapp?" asks for metrics). {@code
 * "unavailable": {"en": ..., "pl": ...}} is the answer when the deployment turned the rule's tool off.
 *
 * Extractors: {@code service} and {@code target_service} (with {@code question.en}/{@code question.pl}),
 * {@code window} (with {@code default}), {@code ticket_id}, {@code city}, {@code title}, {@code priority},
 * {@code environment}, {@code whole_input}, {@code constant} (with {@code value}); see {@link ArgumentExtractors}.
 * Thread-safe (stateless).
 */
public final class KeywordRules {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private KeywordRules() {}

    /**
     * The rules of every {@link ToolProviders#discovered() discovered} provider, in provider order.
     *
     * @throws IllegalArgumentException naming the file and rule when a rule file is malformed
     */
    public static List<IntentRule> discovered(ServiceCatalog catalog) {
        return fromProviders(ToolProviders.discovered(), catalog);
    }

    /**
     * The rules the providers contribute, in provider order, each file's rules in file order; a file whose content
     * was already read (the same table reached twice) is skipped.
     *
     * @throws IllegalArgumentException naming the file and rule when a rule file is malformed
     */
    public static List<IntentRule> fromProviders(List<ToolProvider> providers, ServiceCatalog catalog) {
        Objects.requireNonNull(providers, "providers");
        Objects.requireNonNull(catalog, "catalog");
        var out = new ArrayList<IntentRule>();
        var seen = new java.util.HashSet<String>();
        for (ToolProvider provider : providers) {
            for (URL file : provider.keywordRules()) {
                // the same table reached twice (e.g. from a jar and from a source tree) is read once
                if (seen.add(content(file))) {
                    out.addAll(load(file, catalog));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * The rules of one file.
     *
     * @param file    a rule file (e.g. {@code MyProvider.class.getResource("keyword-rules.json")})
     * @param catalog the services the {@code service} extractors read
     * @throws IllegalArgumentException naming the file and rule when the file is missing or malformed
     * @throws UncheckedIOException     when the file cannot be read
     */
    public static List<IntentRule> load(URL file, ServiceCatalog catalog) {
        if (file == null) {
            throw new IllegalArgumentException("keyword rule file not found (null resource URL)");
        }
        Objects.requireNonNull(catalog, "catalog");
        JsonNode root;
        try (InputStream in = file.openStream()) {
            root = MAPPER.readTree(in);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(file + ": not valid JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keyword rule file " + file, e);
        }
        if (root == null || !root.path("rules").isArray()) {
            throw new IllegalArgumentException(file + ": needs a 'rules' array");
        }
        JsonNode phrases = root.path("phrases");
        var out = new ArrayList<IntentRule>();
        for (JsonNode rule : root.path("rules")) {
            String where = file + ", rule '" + rule.path("intent").asText("?") + "'";
            try {
                out.add(rule(rule, phrases, catalog, where));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        return List.copyOf(out);
    }

    private static String content(URL file) {
        if (file == null) {
            throw new IllegalArgumentException("keyword rule file not found (null resource URL)");
        }
        try (InputStream in = file.openStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read keyword rule file " + file, e);
        }
    }

    private static IntentRule rule(JsonNode rule, JsonNode phrases, ServiceCatalog catalog, String where) {
        IntentRule.Builder b = IntentRule.builder(text(rule, "intent"), text(rule, "tool"))
                .withTriggers(phrases(rule.path("triggers"), phrases))
                .withBlockers(phrases(rule.path("blockers"), phrases))
                .withPlacement(placement(rule.path("placement").asText("anywhere")))
                .withClaimsRestOfSentence(rule.path("claims_rest_of_sentence").asBoolean(false));
        JsonNode refuse = rule.path("refuse_when");
        if (!refuse.isMissingNode()) {
            JsonNode refusal = rule.path("refusal");
            b.withRefusal(new IntentRule.Refusal(phrases(refuse, phrases), text(refusal, "en"), text(refusal, "pl")));
        }
        for (Map.Entry<String, JsonNode> arg : rule.path("arguments").properties()) {
            b.withArgument(arg.getKey(), extractor(arg.getValue(), catalog, "argument '" + arg.getKey() + "'"));
        }
        JsonNode unavailable = rule.path("unavailable");
        if (!unavailable.isMissingNode()) {
            b.withUnavailableAnswer(text(unavailable, "en"), text(unavailable, "pl"));
        }
        JsonNode unless = rule.path("blockers_unless_found");
        if (!unless.isMissingNode()) {
            b.withBlockersUnlessFound(text(unless, "argument"), phrases(unless.path("phrases"), phrases));
        }
        return b.build();
    }

    private static IntentRule.Placement placement(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "anywhere" -> IntentRule.Placement.ANYWHERE;
            case "clause_start" -> IntentRule.Placement.CLAUSE_START;
            default -> throw new IllegalArgumentException("placement must be anywhere or clause_start: " + value);
        };
    }

    /** A list of phrases, or an object of lists (by language or "shared"); "@name" refers to a shared list. */
    private static List<String> phrases(JsonNode node, JsonNode shared) {
        var out = new ArrayList<String>();
        if (node.isMissingNode() || node.isNull()) {
            return out;
        }
        if (node.isObject()) {
            node.elements().forEachRemaining(list -> out.addAll(phrases(list, shared)));
            return out;
        }
        if (!node.isArray()) {
            throw new IllegalArgumentException("phrases must be a list of strings or an object of such lists");
        }
        for (JsonNode phrase : node) {
            String p = phrase.asText();
            if (p.startsWith("@")) {
                JsonNode list = shared.path(p.substring(1));
                if (!list.isArray()) {
                    throw new IllegalArgumentException("unknown phrase list " + p);
                }
                out.addAll(phrases(list, shared));
            } else {
                out.add(p);
            }
        }
        return out;
    }

    private static ArgumentExtractor extractor(JsonNode spec, ServiceCatalog catalog, String what) {
        String name = spec.isTextual() ? spec.asText() : spec.path("extractor").asText("");
        JsonNode question = spec.path("question");
        return switch (name) {
            case "service" -> ArgumentExtractors.service(catalog, text(question, "en"), text(question, "pl"));
            case "target_service" ->
                ArgumentExtractors.targetService(catalog, text(question, "en"), text(question, "pl"));
            case "window" -> ArgumentExtractors.window(spec.path("default").asText("15m"));
            case "ticket_id" -> ArgumentExtractors.ticketId();
            case "city" -> ArgumentExtractors.city();
            case "title" -> ArgumentExtractors.title();
            case "priority" -> ArgumentExtractors.priority();
            case "environment" -> ArgumentExtractors.environment();
            case "whole_input" -> ArgumentExtractors.wholeInput();
            case "description" -> ArgumentExtractors.description();
            case "constant" -> ArgumentExtractors.constant(text(spec, "value"));
            default ->
                throw new IllegalArgumentException(what + ": unknown extractor '" + name
                        + "' (use service, target_service, window, ticket_id, city, title, priority,"
                        + " environment, whole_input, description or constant)");
        };
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        if (!v.isTextual() || v.asText().isBlank()) {
            throw new IllegalArgumentException("'" + field + "' must be a non-empty string");
        }
        return v.asText();
    }
}
