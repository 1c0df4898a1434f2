package com.astradesk.core.plan.keyword;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.plan.Plan;
import com.astradesk.core.plan.PlanStep;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.PlanningException;
import com.astradesk.core.plan.PlanningRequest;
import com.astradesk.core.plan.keyword.internal.Clauses;
import com.astradesk.core.plan.keyword.internal.FoldedText;
import com.astradesk.core.plan.keyword.internal.PhrasePattern;
import com.astradesk.core.text.Language;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans from a table of {@link IntentRule}s: no model, English and Polish, case- and diacritics-insensitive.
 * Each rule whose tool the request offers and whose trigger occurs (not blocked in its clause) gives at most
 * one step; steps come in the order their triggers appear. When a matched intent misses a required argument
 * (a restart without a catalog service, a status question without a ticket id), the plan runs nothing and
 * asks, in the query's language. No match gives an empty plan: the agent answers from knowledge — unless the query
 * asks for a tool the deployment turned off ({@link Builder#withUnavailableTools}): then the plan runs nothing and
 * says so (the rule's {@link IntentRule#unavailableAnswer()}, e.g. "Weather is not available in this deployment.").
 *
 * <pre>{@code
 * Planner planner = KeywordPlanner.builder()
 *         .withServiceCatalog(ServiceCatalog.defaults())
 *         .withRule(IntentRule.builder("vpn_reset", "reset_vpn").withTriggers("reset ... vpn").build())
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe when its rules' extractors are; every pattern is compiled once, at build time.
 */
public final class KeywordPlanner implements Planner {
    private static final Logger LOG = LoggerFactory.getLogger(KeywordPlanner.class);

    private final List<IntentRule> rules;
    private final List<CompiledRule> compiled;
    private final List<CompiledRule> unavailable;

    private KeywordPlanner(List<IntentRule> rules, Set<String> unavailableTools) {
        this.rules = List.copyOf(rules);
        this.compiled = this.rules.stream().map(CompiledRule::new).toList();
        this.unavailable = compiled.stream()
                .filter(r -> unavailableTools.contains(r.rule().tool()))
                .toList();
    }

    /**
     * Starts a planner; without further settings it uses the rules of the discovered tool providers ({@link
     * #defaultRules}) over the default catalog.
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The rules the tool providers on the class path contribute ({@link KeywordRules#discovered}), e.g. those of
     * {@code astradesk-tools} for {@code create_ticket}, {@code get_ticket}, {@code restart_service},
     * {@code get_metrics} and {@code get_weather}, reading services from the catalog.
     *
     * @throws NullPointerException when the catalog is null
     */
    public static List<IntentRule> defaultRules(ServiceCatalog catalog) {
        return KeywordRules.discovered(Objects.requireNonNull(catalog, "catalog"));
    }

    /** The rules this planner applies, in priority order. */
    public List<IntentRule> rules() {
        return rules;
    }

    /**
     * Plans one request.
     *
     * @throws NullPointerException when the request is null
     * @throws PlanningException    when a rule's extractor fails
     */
    @Override
    public Plan plan(PlanningRequest request) {
        Objects.requireNonNull(request, "request");
        FoldedText text = FoldedText.of(request.input());
        Language language = request.language();
        List<CompiledRule.Hit> hits = new ArrayList<>();
        List<int[]> taken = new ArrayList<>();
        long mask = PhrasePattern.charMask(text.text());
        for (CompiledRule rule : compiled) {
            if (!request.offers(rule.rule().tool())) {
                continue;
            }
            var hit = rule.firstHit(text, mask, language, taken);
            if (hit.isPresent()) {
                CompiledRule.Hit h = hit.get();
                hits.add(h);
                taken.add(new int[] {h.start(), h.end()});
                if (h.rule().rule().claimsRestOfSentence()) {
                    taken.add(new int[] {h.end(), Clauses.claimEnd(text.text(), h.end(), language)});
                }
            }
        }
        hits.sort(Comparator.comparingInt(CompiledRule.Hit::start));
        List<CompiledRule.Hit> intents = dropClaimed(hits, text.text(), language);
        if (intents.isEmpty()) {
            return unavailableAnswer(request, text, mask, language)
                    .map(Plan::clarify)
                    .orElseGet(Plan::empty);
        }
        var steps = new ArrayList<PlanStep>();
        var questions = new LinkedHashSet<String>();
        for (int i = 0; i < intents.size(); i++) {
            CompiledRule.Hit hit = intents.get(i);
            int scopeStart = i == 0 ? 0 : intents.get(i - 1).end();
            int scopeEnd = i == intents.size() - 1
                    ? text.text().length()
                    : intents.get(i + 1).start();
            var context = new MatchContext(text, language, hit.start(), hit.end(), scopeStart, scopeEnd);
            Optional<String> refusal = hit.rule().refusalFor(text.original(), language);
            if (refusal.isPresent()) {
                questions.add(refusal.get());
                continue;
            }
            step(hit.rule().rule(), context, questions).ifPresent(steps::add);
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug(
                    "keyword intents {} gave {} step(s), {} question(s)",
                    intents.stream().map(h -> h.rule().rule().intent()).toList(),
                    steps.size(),
                    questions.size());
        }
        if (!questions.isEmpty()) {
            return Plan.clarify(String.join(" ", questions));
        }
        return Plan.of(steps);
    }

    /** What to say when the query asks only for tools the deployment turned off (and the request does not offer). */
    private Optional<String> unavailableAnswer(PlanningRequest request, FoldedText text, long mask, Language language) {
        var answers = new LinkedHashSet<String>();
        for (CompiledRule rule : unavailable) {
            IntentRule r = rule.rule();
            if (!request.offers(r.tool())
                    && rule.firstHit(text, mask, language, List.of()).isPresent()) {
                answers.add(r.unavailableAnswer()
                        .map(a -> language == Language.PL ? a.pl() : a.en())
                        .orElseGet(() -> language == Language.PL
                                ? "Narzędzie " + r.tool() + " jest wyłączone w tym wdrożeniu."
                                : "The tool " + r.tool() + " is turned off in this deployment."));
            }
        }
        return answers.isEmpty() ? Optional.empty() : Optional.of(String.join(" ", answers));
    }

    private static List<CompiledRule.Hit> dropClaimed(List<CompiledRule.Hit> hits, String folded, Language language) {
        var kept = new ArrayList<CompiledRule.Hit>();
        int claimedUntil = -1;
        for (CompiledRule.Hit hit : hits) {
            if (hit.start() < claimedUntil) {
                continue;
            }
            kept.add(hit);
            if (hit.rule().rule().claimsRestOfSentence()) {
                claimedUntil = Math.max(claimedUntil, Clauses.claimEnd(folded, hit.end(), language));
            }
        }
        return kept;
    }

    private static Optional<PlanStep> step(IntentRule rule, MatchContext context, LinkedHashSet<String> questions) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        boolean complete = true;
        for (var argument : rule.arguments().entrySet()) {
            Extraction extraction;
            try {
                extraction = Objects.requireNonNull(argument.getValue().extract(context), "extraction");
            } catch (RuntimeException e) {
                throw new PlanningException(
                        "extractor of argument '" + argument.getKey() + "' of intent '" + rule.intent() + "' failed",
                        e);
            }
            if (extraction.clarification().isPresent()) {
                questions.add(extraction.clarification().get());
                complete = false;
            } else {
                extraction.value().ifPresent(v -> arguments.put(argument.getKey(), v));
            }
        }
        return complete ? Optional.of(new PlanStep(rule.tool(), arguments)) : Optional.empty();
    }

    /**
     * Fluent builder for {@link KeywordPlanner}. Not thread-safe; the planner it builds is.
     */
    public static final class Builder {
        private ServiceCatalog catalog = ServiceCatalog.defaults();
        private List<IntentRule> rules;
        private final List<IntentRule> extra = new ArrayList<>();
        private final Set<String> unavailableTools = new LinkedHashSet<>();

        private Builder() {}

        /**
         * The services the default rules read; default {@link ServiceCatalog#defaults()}. Not used when
         * {@link #withRules} replaces the default rules.
         *
         * @throws NullPointerException when the catalog is null
         */
        public Builder withServiceCatalog(ServiceCatalog catalog) {
            this.catalog = Objects.requireNonNull(catalog, "catalog");
            return this;
        }

        /**
         * Replaces the default rules. Earlier rules win when triggers overlap.
         *
         * @throws NullPointerException when the list or one of its rules is null
         */
        public Builder withRules(List<IntentRule> rules) {
            Objects.requireNonNull(rules, "rules");
            rules.forEach(r -> Objects.requireNonNull(r, "rules must not contain null"));
            this.rules = List.copyOf(rules);
            return this;
        }

        /**
         * Adds a rule after the base rules (the defaults, or those of {@link #withRules}).
         *
         * @throws NullPointerException when the rule is null
         */
        public Builder withRule(IntentRule rule) {
            extra.add(Objects.requireNonNull(rule, "rule"));
            return this;
        }

        /**
         * Names tools the deployment turned off (e.g. {@code get_weather} with {@code WEATHER_URL=none}): a query
         * that matches only their rules gets a plan that runs nothing and says the tool is not available (the rule's
         * {@link IntentRule#unavailableAnswer()}, else a generic sentence naming the tool) instead of an answer from
         * knowledge. Adds to earlier calls.
         *
         * @throws NullPointerException when the collection or a name in it is null
         */
        public Builder withUnavailableTools(java.util.Collection<String> tools) {
            Objects.requireNonNull(tools, "tools");
            tools.forEach(t -> unavailableTools.add(Objects.requireNonNull(t, "tools must not contain null")));
            return this;
        }

        /**
         * Builds the planner, compiling every phrase once.
         *
         * @throws IllegalStateException when there is no rule at all (no rules given and no tool provider on the
         *     class path contributes any)
         */
        public KeywordPlanner build() {
            var all = new ArrayList<IntentRule>(rules == null ? defaultRules(catalog) : rules);
            all.addAll(extra);
            if (all.isEmpty()) {
                throw new IllegalStateException("a keyword planner needs at least one rule: give rules, or put a"
                        + " ToolProvider that contributes keyword rules (e.g. astradesk-tools) on the class path");
            }
            return new KeywordPlanner(all, Set.copyOf(unavailableTools));
        }
    }
}
