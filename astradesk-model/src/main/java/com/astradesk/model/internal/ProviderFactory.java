package com.astradesk.model.internal;

import com.astradesk.model.ModelConfig;
import com.astradesk.model.ModelConfigException;
import com.astradesk.model.provider.ChatProvider;
import dev.langchain4j.model.ollama.OllamaChatModel;
import dev.langchain4j.model.ollama.OllamaStreamingChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.net.URI;
import java.time.Duration;

/**
 * Builds the {@link ChatProvider} a {@link ModelConfig} names, on langchain4j. Every model is built with its
 * own retries off ({@code maxRetries(0)}): the gateway runs the one retry loop. Stateless.
 */
public final class ProviderFactory {
    /** Placeholder key for OpenAI-compatible servers that accept any key (vLLM without {@code --api-key}). */
    private static final String NO_KEY = "not-needed";

    private ProviderFactory() {}

    /**
     * Builds the provider.
     *
     * @throws ModelConfigException when the provider's library is missing or a setting is unusable
     */
    public static ChatProvider create(ModelConfig config) {
        return switch (config.provider()) {
            case OPENAI, VLLM -> openAiCompatible(config);
            case OLLAMA -> ollama(config);
            case BEDROCK -> bedrock(config);
        };
    }

    private static ChatProvider openAiCompatible(ModelConfig config) {
        var resilience = config.resilience();
        String baseUrl = config.baseUrl().map(URI::toString).orElseThrow();
        String apiKey = config.apiKey().orElse(NO_KEY);
        var chat = OpenAiChatModel.builder()
                .httpClientBuilder(blocking(config, resilience.timeout()))
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(config.modelName())
                .timeout(resilience.timeout())
                .maxRetries(0)
                .build();
        var streaming = OpenAiStreamingChatModel.builder()
                .httpClientBuilder(http(config, resilience.streamTimeout()))
                .baseUrl(baseUrl)
                .apiKey(apiKey)
                .modelName(config.modelName())
                .timeout(resilience.streamTimeout())
                .build();
        return new LangChain4jChatProvider(
                config.provider().wireName(), config.modelName(), chat, streaming, true, resilience.timeout());
    }

    private static ChatProvider ollama(ModelConfig config) {
        var resilience = config.resilience();
        String baseUrl = config.baseUrl().map(URI::toString).orElseThrow();
        var chat = OllamaChatModel.builder()
                .httpClientBuilder(blocking(config, resilience.timeout()))
                .baseUrl(baseUrl)
                .modelName(config.modelName())
                .timeout(resilience.timeout())
                .maxRetries(0)
                .build();
        var streaming = OllamaStreamingChatModel.builder()
                .httpClientBuilder(http(config, resilience.streamTimeout()))
                .baseUrl(baseUrl)
                .modelName(config.modelName())
                .timeout(resilience.streamTimeout())
                .build();
        return new LangChain4jChatProvider(
                config.provider().wireName(), config.modelName(), chat, streaming, true, resilience.timeout());
    }

    private static ChatProvider bedrock(ModelConfig config) {
        try {
            Class.forName(
                    "dev.langchain4j.model.bedrock.BedrockChatModel", false, ProviderFactory.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ModelConfigException(
                    "MODEL_PROVIDER",
                    "bedrock needs dev.langchain4j:langchain4j-bedrock on the class path (an optional dependency"
                            + " of astradesk-model)");
        }
        return BedrockProviders.create(config);
    }

    /** The blocking chat calls' transport: no thread hand-off per call. */
    private static TransportBuilder blocking(ModelConfig config, Duration readTimeout) {
        return BlockingHttpClient.builder()
                .connectTimeout(config.resilience().connectTimeout())
                .readTimeout(readTimeout);
    }

    /** The streaming calls' transport. */
    private static TransportBuilder http(ModelConfig config, Duration readTimeout) {
        return HeaderAwareHttpClient.builder()
                .connectTimeout(config.resilience().connectTimeout())
                .readTimeout(readTimeout);
    }
}
