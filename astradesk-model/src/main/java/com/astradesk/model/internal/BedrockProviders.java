package com.astradesk.model.internal;

import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.model.ModelConfig;
import com.astradesk.model.provider.ChatProvider;
import dev.langchain4j.model.bedrock.BedrockChatModel;
import dev.langchain4j.model.bedrock.BedrockStreamingChatModel;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkServiceException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Bedrock (Converse API) models. Kept in its own class so the optional AWS SDK is loaded only when
 * {@code MODEL_PROVIDER=bedrock}. The AWS clients are built with the SDK's retries off; {@code MODEL_BASE_URL},
 * when set, overrides the endpoint (VPC endpoints, proxies). Credentials come from the AWS default chain.
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
        var syncBuilder = BedrockRuntimeClient.builder().region(region).overrideConfiguration(overrides);
        var asyncBuilder = BedrockRuntimeAsyncClient.builder()
                .region(region)
                .overrideConfiguration(overrides.toBuilder()
                        .apiCallAttemptTimeout(resilience.streamTimeout())
                        .build());
        config.baseUrl().ifPresent(endpoint -> {
            syncBuilder.endpointOverride(endpoint);
            asyncBuilder.endpointOverride(endpoint);
        });
        var chat = BedrockChatModel.builder()
                .client(syncBuilder.build())
                .modelId(config.modelName())
                .maxRetries(0)
                .build();
        var streaming = BedrockStreamingChatModel.builder()
                .client(asyncBuilder.build())
                .modelId(config.modelName())
                .build();
        String name = config.provider().wireName();
        return new LangChain4jChatProvider(
                name,
                config.modelName(),
                chat,
                streaming,
                false,
                resilience.timeout(),
                failure -> map(name, resilience.timeout(), failure));
    }

    /** AWS SDK failures by HTTP status (throttling → overloaded with {@code Retry-After} when sent). */
    static Optional<ModelException> map(String provider, Duration timeout, Throwable failure) {
        if (ProviderErrors.find(failure, ApiCallAttemptTimeoutException.class).isPresent()
                || ProviderErrors.find(failure, ApiCallTimeoutException.class).isPresent()) {
            return Optional.of(new ModelTimeoutException(provider, timeout));
        }
        return ProviderErrors.find(failure, SdkServiceException.class).map(e -> {
            Optional<Duration> retryAfter = e instanceof AwsServiceException aws
                            && aws.awsErrorDetails() != null
                            && aws.awsErrorDetails().sdkHttpResponse() != null
                    ? aws.awsErrorDetails()
                            .sdkHttpResponse()
                            .firstMatchingHeader("Retry-After")
                            .flatMap(v -> RetryAfter.parse(v, Clock.systemUTC()))
                    : Optional.empty();
            int status =
                    e.isThrottlingException() && e.statusCode() != 429 && e.statusCode() < 500 ? 429 : e.statusCode();
            return ProviderErrors.byStatus(provider, status, retryAfter);
        });
    }
}
