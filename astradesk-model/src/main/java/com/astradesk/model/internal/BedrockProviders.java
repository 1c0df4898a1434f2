package com.astradesk.model.internal;

import com.astradesk.model.ModelConfig;
import com.astradesk.model.provider.ChatProvider;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.bedrock.BedrockStreamingChatModel;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Bedrock (Converse API) models. Kept in its own class so the optional AWS SDK is loaded only when
 * {@code MODEL_PROVIDER=bedrock}. The AWS clients are built with the SDK's retries off. Credentials come from
 * the AWS default chain.
 */
final class BedrockProviders {
    private BedrockProviders() {}

    static ChatProvider create(ModelConfig config) {
        var resilience = config.resilience();
        Region region = Region.of(config.awsRegion().orElseThrow());
        var overrides = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(resilience.timeout())
                .build();
        var client = BedrockRuntimeClient.builder()
                .region(region)
                .overrideConfiguration(overrides)
                .build();
        var asyncClient = BedrockRuntimeAsyncClient.builder()
                .region(region)
                .overrideConfiguration(overrides.toBuilder()
                        .apiCallAttemptTimeout(resilience.streamTimeout())
                        .build())
                .build();
        var chat = BedrockChatModel.builder()
                .client(client)
                .modelId(config.modelName())
                .maxRetries(0)
                .build();
        var streaming = BedrockStreamingChatModel.builder()
                .client(asyncClient)
                .modelId(config.modelName())
                .build();
        return new LangChain4jChatProvider(
                config.provider().wireName(), config.modelName(), chat, streaming, false, resilience.timeout());
    }
}
