package com.astradesk.model;

import com.astradesk.core.guardrail.InputGuardrail;
import com.astradesk.core.guardrail.OutputGuardrail;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelUsageListener;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.model.guardrail.Guardrails;
import com.astradesk.model.internal.DefaultModelGateway;
import com.astradesk.model.internal.ProviderFactory;
import com.astradesk.model.provider.ChatProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Creates {@link ModelGateway}s. The common path is {@link #fromEnv(Map)}: no {@code MODEL_PROVIDER} means no
 * gateway, and callers plan without a model. Use {@link #builder(ModelConfig)} to add guardrails, a usage
 * listener or a custom {@link ChatProvider}. Thread-safe (stateless).
 */
public final class ModelGateways {
    private ModelGateways() {}

    /**
     * The gateway the environment configures, with the stock guardrails and no usage listener.
     *
     * @return empty when no model is configured
     * @throws ModelConfigException naming a missing or invalid setting
     */
    public static Optional<ModelGateway> fromEnv(Map<String, String> env) {
        return ModelConfig.fromEnv(env).map(config -> builder(config).build());
    }

    /** A builder for a gateway over the provider {@code config} names. */
    public static Builder builder(ModelConfig config) {
        return new Builder(Objects.requireNonNull(config, "config"));
    }

    /** Fluent builder of a gateway. Not thread-safe; the gateway it builds is. */
    public static final class Builder {
        private final ModelConfig config;
        private ChatProvider provider;
        private final List<InputGuardrail> input = new ArrayList<>();
        private final List<OutputGuardrail> output = new ArrayList<>();
        private boolean stockGuardrails = true;
        private ModelUsageListener usageListener = ModelUsageListener.NONE;
        private Telemetry telemetry = Telemetry.global();

        private Builder(ModelConfig config) {
            this.config = config;
        }

        /** Uses this provider instead of the one the configuration names (tests, custom back ends). */
        public Builder withProvider(ChatProvider provider) {
            this.provider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /** Adds an input guardrail, run after the stock ones. */
        public Builder withInputGuardrail(InputGuardrail guardrail) {
            input.add(Objects.requireNonNull(guardrail, "guardrail"));
            return this;
        }

        /** Adds an output guardrail, run after the stock ones. */
        public Builder withOutputGuardrail(OutputGuardrail guardrail) {
            output.add(Objects.requireNonNull(guardrail, "guardrail"));
            return this;
        }

        /**
         * Whether to install the stock guardrails (length limits, prompt-injection blocklist, secret blocklist,
         * JSON Schema). Default {@code true}.
         */
        public Builder withStockGuardrails(boolean enabled) {
            this.stockGuardrails = enabled;
            return this;
        }

        /** Receives the usage of every call (metrics, cost). */
        public Builder withUsageListener(ModelUsageListener listener) {
            this.usageListener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * Receives a {@code gen_ai.chat} observation per call (GenAI attributes, tokens, outcome) and the circuit
         * breaker's state. Default {@link Telemetry#global()}.
         */
        public Builder withTelemetry(Telemetry telemetry) {
            this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
            return this;
        }

        /**
         * Builds the gateway.
         *
         * @throws ModelConfigException when the provider cannot be built (e.g. its library is missing)
         */
        public ModelGateway build() {
            var inputs = new ArrayList<InputGuardrail>();
            var outputs = new ArrayList<OutputGuardrail>();
            if (stockGuardrails) {
                inputs.addAll(Guardrails.defaultInput(config.limits().maxInputChars()));
                outputs.addAll(Guardrails.defaultOutput(config.limits().maxOutputChars()));
            }
            inputs.addAll(input);
            outputs.addAll(output);
            return new DefaultModelGateway(
                    provider != null ? provider : ProviderFactory.create(config),
                    config.bounds(),
                    config.limits(),
                    config.resilience(),
                    inputs,
                    outputs,
                    usageListener,
                    telemetry);
        }
    }
}
