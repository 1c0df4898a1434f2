package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.model.ProviderKind;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KnowledgeConfigTest {

    @Test
    void should_default_to_minilm_and_docs_kb_under_the_home_without_a_model() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of("ASTRADESK_HOME", "/srv/astradesk"));

        KnowledgeConfig kb = config.knowledge();
        assertThat(kb.embedding()).isEqualTo(KnowledgeConfig.EmbeddingModel.MINILM);
        assertThat(kb.directory()).isEqualTo(Path.of("/srv/astradesk/docs/kb"));
        assertThat(kb.directoryExplicit()).isFalse();
        assertThat(kb.topK()).isEqualTo(5);
        assertThat(kb.minScore()).isEqualTo(0.40);
        assertThat(kb.hnswEfSearch()).isEqualTo(40);
        assertThat(config.model()).isEmpty();
    }

    @Test
    void should_read_every_knowledge_and_model_variable() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(Map.of(
                "ASTRADESK_HOME", "/srv/astradesk",
                "EMBEDDING_MODEL", "Hashing",
                "KNOWLEDGE_DIR", "kb/../handbook",
                "KNOWLEDGE_TOP_K", "8",
                "KNOWLEDGE_MIN_SCORE", "0.45",
                "HNSW_EF_SEARCH", "200",
                "MODEL_PROVIDER", "ollama",
                "MODEL_NAME", "qwen2.5"));

        KnowledgeConfig kb = config.knowledge();
        assertThat(kb.embedding()).isEqualTo(KnowledgeConfig.EmbeddingModel.HASHING);
        assertThat(kb.directory()).isEqualTo(Path.of("/srv/astradesk/handbook"));
        assertThat(kb.directoryExplicit()).isTrue();
        assertThat(kb.topK()).isEqualTo(8);
        assertThat(kb.minScore()).isEqualTo(0.45);
        assertThat(kb.hnswEfSearch()).isEqualTo(200);
        assertThat(config.model()).hasValueSatisfying(m -> {
            assertThat(m.provider()).isEqualTo(ProviderKind.OLLAMA);
            assertThat(m.modelName()).isEqualTo("qwen2.5");
        });
    }

    @Test
    void should_keep_an_absolute_knowledge_dir() {
        AstraDeskConfig config =
                AstraDeskConfig.fromEnv(Map.of("ASTRADESK_HOME", "/srv/astradesk", "KNOWLEDGE_DIR", "/data/kb"));

        assertThat(config.knowledge().directory()).isEqualTo(Path.of("/data/kb"));
    }

    @ParameterizedTest
    @CsvSource({
        "EMBEDDING_MODEL, bert",
        "KNOWLEDGE_TOP_K, 0",
        "KNOWLEDGE_TOP_K, many",
        "KNOWLEDGE_MIN_SCORE, 1.5",
        "KNOWLEDGE_MIN_SCORE, high",
        "HNSW_EF_SEARCH, 5000"
    })
    void should_name_an_invalid_knowledge_variable(String variable, String value) {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of(variable, value)))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(variable)
                .satisfies(e -> assertThat(((ConfigException) e).variables()).containsExactly(variable));
    }

    @Test
    void should_never_echo_the_openai_key_in_a_config_error() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of(
                        "MODEL_PROVIDER", "openai", "OPENAI_API_KEY", "sk-secret-123", "MODEL_TIMEOUT", "later")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("MODEL_TIMEOUT")
                .hasMessageNotContaining("sk-secret-123");
    }
}
