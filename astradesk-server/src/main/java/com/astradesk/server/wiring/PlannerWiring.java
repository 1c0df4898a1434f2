package com.astradesk.server.wiring;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.config.ConfigException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelUsageListener;
import com.astradesk.core.plan.Planner;
import com.astradesk.core.plan.followup.FollowUpPlanner;
import com.astradesk.core.plan.keyword.IntentRule;
import com.astradesk.core.plan.keyword.KeywordPlanner;
import com.astradesk.core.plan.llm.LlmPlanner;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelConfigException;
import com.astradesk.model.ModelGateways;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Chooses the planner: with a model configured ({@code MODEL_PROVIDER}), the LLM planner with the keyword
 * planner as fallback (every fallback marks the run degraded, with the reason); without one, the keyword planner
 * alone; in front of either, the {@link FollowUpPlanner} that resolves follow-ups from the previous turn.
 * Stateless.
 */
final class PlannerWiring {
    private static final Logger LOG = LoggerFactory.getLogger(PlannerWiring.class);

    private PlannerWiring() {}

    /**
     * The planner for the reference agents.
     *
     * @param model   the model configuration, if any
     * @param catalog services the keyword planner recognises
     * @param usage   receives the usage of every model call (metrics hook)
     * @throws ConfigException naming the variable when the model's client cannot be built
     */
    static Planner planner(Optional<ModelConfig> model, ServiceCatalog catalog, ModelUsageListener usage) {
        return planner(model, catalog, usage, List.of());
    }

    /**
     * The model gateway for {@code MODEL_PROVIDER}, if set: the LLM planner's and the agents' answer model.
     *
     * @throws ConfigException naming the variable when the model's client cannot be built
     */
    static Optional<ModelGateway> gateway(Optional<ModelConfig> model, ModelUsageListener usage) {
        Objects.requireNonNull(usage, "usage");
        return model.map(config -> gateway(config, usage));
    }

    /**
     * The planner for the reference agents, the keyword planner extended by {@code extraRules} (after its own,
     * e.g. the {@code keyword_rules} of {@code MCP_SERVERS_FILE}).
     */
    static Planner planner(
            Optional<ModelConfig> model,
            ServiceCatalog catalog,
            ModelUsageListener usage,
            List<IntentRule> extraRules) {
        return planner(model, gateway(model, usage), catalog, extraRules);
    }

    /** The planner over an already built gateway (shared with the agents' answer model). */
    static Planner planner(
            Optional<ModelConfig> model,
            Optional<ModelGateway> gateway,
            ServiceCatalog catalog,
            List<IntentRule> extraRules) {
        return planner(model, gateway, catalog, extraRules, java.util.Set.of());
    }

    /**
     * The planner over an already built gateway, whose keyword planner answers that the {@code unavailableTools}
     * (turned off in this deployment, e.g. {@code get_weather} with {@code WEATHER_URL=none}) are not available
     * when a request asks only for them.
     */
    static Planner planner(
            Optional<ModelConfig> model,
            Optional<ModelGateway> gateway,
            ServiceCatalog catalog,
            List<IntentRule> extraRules,
            java.util.Set<String> unavailableTools) {
        KeywordPlanner.Builder keywordBuilder =
                KeywordPlanner.builder().withServiceCatalog(catalog).withUnavailableTools(unavailableTools);
        extraRules.forEach(keywordBuilder::withRule);
        Planner keyword = keywordBuilder.build();
        model.ifPresentOrElse(
                c -> LOG.info(
                        "planner: LLM ({} {}) with the keyword planner as fallback",
                        c.provider().wireName(),
                        c.modelName()),
                () -> LOG.info("planner: keyword (no MODEL_PROVIDER configured)"));
        Planner planner = LlmPlanner.builder()
                .withOptionalGateway(gateway)
                .withFallback(keyword)
                .build();
        // follow-ups ("and for the last 6h?", "restart it") are resolved from the previous turn in front of both
        return FollowUpPlanner.builder()
                .withPlanner(planner)
                .withServiceCatalog(catalog)
                .build();
    }

    private static ModelGateway gateway(ModelConfig config, ModelUsageListener usage) {
        try {
            return ModelGateways.builder(config).withUsageListener(usage).build();
        } catch (ModelConfigException e) {
            throw new ConfigException(e.setting(), e.getMessage());
        }
    }
}
