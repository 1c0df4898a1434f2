package com.astradesk.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.model.ModelGateway;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ModelConfigTest {

    @Test
    void should_configure_no_gateway_when_provider_is_unset_or_none() {
        assertThat(ModelConfig.fromEnv(Map.of())).isEmpty();
        assertThat(ModelConfig.fromEnv(Map.of("MODEL_PROVIDER", " "))).isEmpty();
        assertThat(ModelGateways.fromEnv(Map.of("MODEL_PROVIDER", "none", "OPENAI_API_KEY", "sk-x")))
                .isEqualTo(Optional.<ModelGateway>empty());
    }

    @Test
    void should_apply_openai_defaults_and_hide_the_key() {
        // when
        ModelConfig config = ModelConfig.fromEnv(Map.of("MODEL_PROVIDER", "OpenAI", "OPENAI_API_KEY", "sk-secret-123"))
                .orElseThrow();

        // then
        assertThat(config.provider()).isEqualTo(ProviderKind.OPENAI);
        assertThat(config.modelName()).isEqualTo("gpt-4o-mini");
        assertThat(config.baseUrl()).contains(URI.create("https://api.openai.com/v1"));
        assertThat(config.resilience()).isEqualTo(ResilienceConfig.defaults());
        assertThat(config.toString()).doesNotContain("sk-secret-123").contains("apiKey=(set)");
    }

    @Test
    void should_parse_durations_numbers_and_bounds() {
        // when
        ModelConfig config = ModelConfig.fromEnv(Map.of(
                        "MODEL_PROVIDER", "vllm",
                        "MODEL_BASE_URL", "http://vllm:8000/v1",
                        "MODEL_NAME", "mistral",
                        "MODEL_TIMEOUT", "1500ms",
                        "MODEL_STREAM_TIMEOUT", "PT2M",
                        "MODEL_MAX_RETRIES", "4",
                        "MODEL_BREAKER_DELAY", "45",
                        "MODEL_MAX_TOKENS", "300",
                        "MODEL_MAX_OUTPUT_CHARS", "900"))
                .orElseThrow();

        // then
        assertThat(config.resilience().timeout()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.resilience().streamTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(config.resilience().maxRetries()).isEqualTo(4);
        assertThat(config.resilience().breakerDelay()).isEqualTo(Duration.ofSeconds(45));
        assertThat(config.bounds().maxTokens()).isEqualTo(300);
        assertThat(config.limits().maxOutputChars()).isEqualTo(900);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "MODEL_PROVIDER=gemini                                  | MODEL_PROVIDER",
                "MODEL_PROVIDER=openai                                  | OPENAI_API_KEY",
                "MODEL_PROVIDER=vllm;MODEL_NAME=m                       | MODEL_BASE_URL",
                "MODEL_PROVIDER=vllm;MODEL_BASE_URL=http://h:1          | MODEL_NAME",
                "MODEL_PROVIDER=bedrock;MODEL_NAME=anthropic.claude     | AWS_REGION",
                "MODEL_PROVIDER=ollama;MODEL_BASE_URL=ftp://h           | MODEL_BASE_URL",
                "MODEL_PROVIDER=ollama;MODEL_TIMEOUT=soon               | MODEL_TIMEOUT",
                "MODEL_PROVIDER=ollama;MODEL_MAX_RETRIES=many           | MODEL_MAX_RETRIES",
                "MODEL_PROVIDER=ollama;MODEL_MAX_RETRIES=99             | MODEL_MAX_RETRIES",
                "MODEL_PROVIDER=ollama;MODEL_TEMPERATURE=3              | MODEL_TEMPERATURE"
            })
    void should_name_the_setting_that_is_missing_or_invalid(String settings, String named) {
        // given
        var env = new java.util.HashMap<String, String>();
        for (String pair : settings.split(";")) {
            String[] kv = pair.split("=", 2);
            env.put(kv[0].trim(), kv[1].trim());
        }

        // when / then
        assertThatThrownBy(() -> ModelConfig.fromEnv(env))
                .isInstanceOfSatisfying(
                        ModelConfigException.class, e -> assertThat(e.setting()).isEqualTo(named));
    }

    @Test
    void should_build_an_ollama_gateway_from_defaults() {
        // when
        Optional<ModelGateway> gateway = ModelGateways.fromEnv(Map.of("MODEL_PROVIDER", "ollama"));

        // then
        assertThat(gateway).get().extracting(ModelGateway::provider).isEqualTo("ollama");
    }
}
