package com.astradesk.model.internal;

import com.astradesk.model.ChatBounds;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelConfigException;
import com.astradesk.model.ModelLimits;
import com.astradesk.model.ProviderKind;
import com.astradesk.model.ResilienceConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses {@link ModelConfig} from environment-style settings. Stateless. */
public final class ModelEnv {
    private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

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
            return parseUnchecked(env);
        } catch (ModelConfigException e) {
            String setting = SETTING_NAMES.get(e.setting());
            if (setting == null) {
                throw e;
            }
            String message = e.getMessage().substring(e.setting().length() + 2);
            throw new ModelConfigException(setting, message);
        }
    }

    private static Optional<ModelConfig> parseUnchecked(Map<String, String> env) {
        Optional<String> providerValue = get(env, "MODEL_PROVIDER");
        if (providerValue.isEmpty() || providerValue.get().equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        ProviderKind provider = ProviderKind.fromWireName(providerValue.get())
                .orElseThrow(() -> new ModelConfigException(
                        "MODEL_PROVIDER",
                        "unknown provider '" + providerValue.get() + "'; accepted: " + ProviderKind.accepted()
                                + " (or none)"));
        String model = get(env, "MODEL_NAME").orElseGet(() -> defaultModel(provider));
        Optional<URI> baseUrl = get(env, "MODEL_BASE_URL").map(ModelEnv::uri);
        if (baseUrl.isEmpty()) {
            baseUrl = defaultBaseUrl(provider);
        }
        ResilienceConfig d = ResilienceConfig.defaults();
        ResilienceConfig resilience = new ResilienceConfig(
                duration(env, "MODEL_TIMEOUT", d.timeout()),
                duration(env, "MODEL_STREAM_TIMEOUT", d.streamTimeout()),
                duration(env, "MODEL_CONNECT_TIMEOUT", d.connectTimeout()),
                integer(env, "MODEL_MAX_RETRIES", d.maxRetries()),
                duration(env, "MODEL_RETRY_BACKOFF", d.initialBackoff()),
                duration(env, "MODEL_RETRY_MAX_BACKOFF", d.maxBackoff()),
                decimal(env, "MODEL_RETRY_JITTER", d.jitter()),
                duration(env, "MODEL_MAX_RETRY_AFTER", d.maxRetryAfter()),
                integer(env, "MODEL_BREAKER_FAILURES", d.breakerFailures()),
                duration(env, "MODEL_BREAKER_DELAY", d.breakerDelay()));
        ChatBounds b = ChatBounds.defaults();
        ChatBounds bounds = new ChatBounds(
                decimal(env, "MODEL_TEMPERATURE", b.defaultTemperature()),
                decimal(env, "MODEL_MAX_TEMPERATURE", b.maxTemperature()),
                decimal(env, "MODEL_MAX_TOP_P", b.maxTopP()),
                integer(env, "MODEL_MAX_TOKENS", b.maxTokens()));
        ModelLimits l = ModelLimits.defaults();
        ModelLimits limits = new ModelLimits(
                integer(env, "MODEL_MAX_MESSAGES", l.maxMessages()),
                integer(env, "MODEL_MAX_INPUT_CHARS", l.maxInputChars()),
                integer(env, "MODEL_MAX_OUTPUT_CHARS", l.maxOutputChars()));
        return Optional.of(new ModelConfig(
                provider,
                model,
                baseUrl,
                get(env, "OPENAI_API_KEY"),
                get(env, "AWS_REGION"),
                resilience,
                bounds,
                limits));
    }

    /**
     * Parses {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, a bare number of seconds or ISO-8601
     * ({@code PT30S}).
     */
    static Duration parseDuration(String name, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SIMPLE_DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "s" : m.group(2);
            return switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new ModelConfigException(name, "not a duration: '" + value + "' (e.g. 500ms, 30s, 2m, PT30S)");
        }
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

    private static URI uri(String value) {
        try {
            URI uri = new URI(value.trim());
            if (uri.getScheme() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new ModelConfigException("MODEL_BASE_URL", "must be an absolute http(s) URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new ModelConfigException("MODEL_BASE_URL", "not a URL: " + e.getReason());
        }
    }

    private static Optional<String> get(Map<String, String> env, String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        return get(env, name).map(v -> parseDuration(name, v)).orElse(fallback);
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        return get(env, name)
                .map(v -> {
                    try {
                        return Integer.parseInt(v);
                    } catch (NumberFormatException e) {
                        throw new ModelConfigException(name, "not an integer: '" + v + "'");
                    }
                })
                .orElse(fallback);
    }

    private static double decimal(Map<String, String> env, String name, double fallback) {
        return get(env, name)
                .map(v -> {
                    try {
                        return Double.parseDouble(v);
                    } catch (NumberFormatException e) {
                        throw new ModelConfigException(name, "not a number: '" + v + "'");
                    }
                })
                .orElse(fallback);
    }
}
