package com.astradesk.model;

import com.astradesk.model.internal.ModelEnv;
import java.net.URI;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which model to use and how to call it. Immutable and thread-safe; {@link #toString()} never shows the API
 * key.
 *
 * @param provider   the provider ({@code MODEL_PROVIDER})
 * @param modelName  the model ({@code MODEL_NAME}; defaults: {@code gpt-4o-mini} for OpenAI, {@code llama3.1}
 *                   for Ollama; required for vLLM and Bedrock)
 * @param baseUrl    the endpoint ({@code MODEL_BASE_URL}; required for vLLM, defaults to OpenAI's and
 *                   Ollama's usual URLs, unused for Bedrock)
 * @param apiKey     the API key ({@code OPENAI_API_KEY}; required for OpenAI, optional for vLLM)
 * @param awsRegion  the AWS region ({@code AWS_REGION}; required for Bedrock)
 * @param resilience timeouts, retries and breaker
 * @param bounds     sampling-parameter bounds
 * @param limits     size limits
 */
public record ModelConfig(
        ProviderKind provider,
        String modelName,
        Optional<URI> baseUrl,
        Optional<String> apiKey,
        Optional<String> awsRegion,
        ResilienceConfig resilience,
        ChatBounds bounds,
        ModelLimits limits) {

    public ModelConfig {
        Objects.requireNonNull(provider, "provider");
        if (modelName == null || modelName.isBlank()) {
            throw new ModelConfigException("MODEL_NAME", "must not be blank");
        }
        baseUrl = Objects.requireNonNullElse(baseUrl, Optional.empty());
        apiKey = Objects.requireNonNullElse(apiKey, Optional.<String>empty()).filter(k -> !k.isBlank());
        awsRegion =
                Objects.requireNonNullElse(awsRegion, Optional.<String>empty()).filter(r -> !r.isBlank());
        resilience = Objects.requireNonNullElse(resilience, ResilienceConfig.defaults());
        bounds = Objects.requireNonNullElse(bounds, ChatBounds.defaults());
        limits = Objects.requireNonNullElse(limits, ModelLimits.defaults());
        switch (provider) {
            case OPENAI -> {
                if (apiKey.isEmpty()) {
                    throw new ModelConfigException("OPENAI_API_KEY", "is required when MODEL_PROVIDER=openai");
                }
            }
            case VLLM -> {
                if (baseUrl.isEmpty()) {
                    throw new ModelConfigException("MODEL_BASE_URL", "is required when MODEL_PROVIDER=vllm");
                }
            }
            case BEDROCK -> {
                if (awsRegion.isEmpty()) {
                    throw new ModelConfigException("AWS_REGION", "is required when MODEL_PROVIDER=bedrock");
                }
            }
            case OLLAMA -> {
                // every setting has a default
            }
        }
    }

    /**
     * Reads the configuration from environment-style settings (see the component docs for names and
     * defaults).
     *
     * @param env settings, e.g. {@link System#getenv()}
     * @return the configuration, or empty when {@code MODEL_PROVIDER} is unset, blank or {@code none}
     * @throws ModelConfigException naming the first missing or invalid setting
     */
    public static Optional<ModelConfig> fromEnv(Map<String, String> env) {
        return ModelEnv.parse(Objects.requireNonNull(env, "env"));
    }

    /** This configuration with other resilience settings. */
    public ModelConfig withResilience(ResilienceConfig resilience) {
        return new ModelConfig(provider, modelName, baseUrl, apiKey, awsRegion, resilience, bounds, limits);
    }

    /** This configuration with other size limits. */
    public ModelConfig withLimits(ModelLimits limits) {
        return new ModelConfig(provider, modelName, baseUrl, apiKey, awsRegion, resilience, bounds, limits);
    }

    @Override
    public String toString() {
        return "ModelConfig[provider=" + provider.wireName() + ", modelName=" + modelName + ", baseUrl="
                + baseUrl.map(URI::toString).orElse("(default)") + ", apiKey="
                + (apiKey.isPresent() ? "(set)" : "(unset)") + ", awsRegion=" + awsRegion.orElse("(unset)")
                + ", resilience=" + resilience + ", bounds=" + bounds + ", limits=" + limits + "]";
    }
}
