package com.astradesk.model.internal;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.model.ChatBounds;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelConfigException;
import com.astradesk.model.ModelLimits;
import com.astradesk.model.ProviderKind;
import com.astradesk.model.ResilienceConfig;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/** Parses {@link ModelConfig} from environment-style settings through the shared {@link EnvReader}. Stateless. */
public final class ModelEnv {
    /** Record component → the environment variable that sets it, so errors name what the operator wrote. */
    private static final Map<String, String> SETTING_NAMES = Map.ofEntries(
            Map.entry("timeout", "MODEL_TIMEOUT"),
            Map.entry("streamTimeout", "MODEL_STREAM_TIMEOUT"),
            Map.entry("connectTimeout", "MODEL_CONNECT_TIMEOUT"),
            Map.entry("maxRetries", "MODEL_MAX_RETRIES"),
            Map.entry("initialBackoff", "MODEL_RETRY_BACKOFF"),
            Map.entry("maxBackoff", "MODEL_RETRY_MAX_BACKOFF"),
            Map.entry("jitter", "MODEL_RETRY_JITTER"),
            Map.entry("maxRetryAfter", "MODEL_MAX_RETRY_AFTER"),
            Map.entry("breakerFailures", "MODEL_BREAKER_FAILURES"),
            Map.entry("breakerDelay", "MODEL_BREAKER_DELAY"),
            Map.entry("defaultTemperature", "MODEL_TEMPERATURE"),
            Map.entry("maxTemperature", "MODEL_MAX_TEMPERATURE"),
            Map.entry("maxTopP", "MODEL_MAX_TOP_P"),
            Map.entry("maxTokens", "MODEL_MAX_TOKENS"),
            Map.entry("maxMessages", "MODEL_MAX_MESSAGES"),
            Map.entry("maxInputChars", "MODEL_MAX_INPUT_CHARS"),
            Map.entry("maxOutputChars", "MODEL_MAX_OUTPUT_CHARS"));

    private ModelEnv() {}

    /** See {@link ModelConfig#fromEnv(Map)}. */
    public static Optional<ModelConfig> parse(Map<String, String> env) {
        try {
            return parseUnchecked(new EnvReader(env));
        } catch (ModelConfigException e) {
            String setting = SETTING_NAMES.get(e.setting());
            if (setting == null) {
                throw e;
            }
            String message = e.getMessage().substring(e.setting().length() + 2);
            throw new ModelConfigException(setting, message);
        } catch (ConfigException e) {
            throw new ModelConfigException(e.variables().get(0), e.getMessage());
        }
    }

    private static Optional<ModelConfig> parseUnchecked(EnvReader env) {
        Optional<String> providerValue = env.string("MODEL_PROVIDER");
        if (providerValue.isEmpty() || providerValue.get().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        ProviderKind provider = ProviderKind.fromWireName(providerValue.get())
                .orElseThrow(() -> new ModelConfigException(
                        "MODEL_PROVIDER",
                        "unknown provider '" + providerValue.get() + "'; accepted: " + ProviderKind.accepted()
                                + " (or none)"));
        String model = env.string("MODEL_NAME").orElseGet(() -> defaultModel(provider));
        Optional<URI> baseUrl = env.httpUrl("MODEL_BASE_URL");
        if (baseUrl.isEmpty()) {
            baseUrl = defaultBaseUrl(provider);
        }
        ResilienceConfig d = ResilienceConfig.defaults();
        ResilienceConfig resilience = new ResilienceConfig(
                env.duration("MODEL_TIMEOUT", d.timeout()),
                env.duration("MODEL_STREAM_TIMEOUT", d.streamTimeout()),
                env.duration("MODEL_CONNECT_TIMEOUT", d.connectTimeout()),
                env.integer("MODEL_MAX_RETRIES", d.maxRetries()),
                env.duration("MODEL_RETRY_BACKOFF", d.initialBackoff()),
                env.duration("MODEL_RETRY_MAX_BACKOFF", d.maxBackoff()),
                env.decimal("MODEL_RETRY_JITTER", d.jitter()),
                env.duration("MODEL_MAX_RETRY_AFTER", d.maxRetryAfter()),
                env.integer("MODEL_BREAKER_FAILURES", d.breakerFailures()),
                env.duration("MODEL_BREAKER_DELAY", d.breakerDelay()));
        ChatBounds b = ChatBounds.defaults();
        ChatBounds bounds = new ChatBounds(
                env.decimal("MODEL_TEMPERATURE", b.defaultTemperature()),
                env.decimal("MODEL_MAX_TEMPERATURE", b.maxTemperature()),
                env.decimal("MODEL_MAX_TOP_P", b.maxTopP()),
                env.integer("MODEL_MAX_TOKENS", b.maxTokens()));
        ModelLimits l = ModelLimits.defaults();
        ModelLimits limits = new ModelLimits(
                env.integer("MODEL_MAX_MESSAGES", l.maxMessages()),
                env.integer("MODEL_MAX_INPUT_CHARS", l.maxInputChars()),
                env.integer("MODEL_MAX_OUTPUT_CHARS", l.maxOutputChars()));
        return Optional.of(new ModelConfig(
                provider,
                model,
                baseUrl,
                env.string("OPENAI_API_KEY"),
                env.string("AWS_REGION"),
                resilience,
                bounds,
                limits));
    }

    private static String defaultModel(ProviderKind provider) {
        return switch (provider) {
            case OPENAI -> "gpt-4o-mini";
            case OLLAMA -> "llama3.1";
            case VLLM, BEDROCK ->
                throw new ModelConfigException("MODEL_NAME", "is required when MODEL_PROVIDER=" + provider.wireName());
        };
    }

    private static Optional<URI> defaultBaseUrl(ProviderKind provider) {
        return switch (provider) {
            case OPENAI -> Optional.of(URI.create("https://api.openai.com/v1"));
            case OLLAMA -> Optional.of(URI.create("http://localhost:11434"));
            case VLLM, BEDROCK -> Optional.empty();
        };
    }
}
