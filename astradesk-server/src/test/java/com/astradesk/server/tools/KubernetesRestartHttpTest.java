package com.astradesk.server.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.server.RunningServer;
import com.astradesk.server.config.AstraDeskConfig;
import com.astradesk.tools.restart.KubernetesRestartConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RESTART_EXECUTOR}: the simulated default says nothing was restarted; {@code kubernetes} wires the
 * Kubernetes executor with the kubeconfig and the catalog's Deployments (its API calls are tested against fabric8's
 * mock server in astradesk-tools; here an API that is down must be a step error, not a 500).
 */
class KubernetesRestartHttpTest {
    @TempDir
    Path home;

    @Test
    void should_say_in_so_many_words_that_the_default_restart_restarted_nothing() {
        try (RunningServer server = new RunningServer(home, Map.of())) {
            JsonNode step = RunningServer.step(
                    server.run(server.token("sam", "sre"), "ops", "Please restart payments-api"), "restart_service");

            assertThat(step.at("/result/simulated").asBoolean()).isTrue();
            assertThat(step.path("summary").asText()).contains("nothing was actually restarted");
        }
    }

    @Test
    void should_restart_through_kubernetes_and_answer_a_step_error_when_its_api_is_down() throws Exception {
        // given: a kubeconfig whose API server nothing listens on
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path kubeconfig = Files.writeString(home.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters:
                  - name: test
                    cluster: {server: "http://127.0.0.1:%d"}
                users:
                  - name: bot
                    user: {token: "test-token"}
                contexts:
                  - name: test
                    context: {cluster: test, user: bot, namespace: shop}
                current-context: test
                """.formatted(port));
        Map<String, String> env =
                Map.of("RESTART_EXECUTOR", "kubernetes", "KUBECONFIG", kubeconfig.toString(), "K8S_NAMESPACE", "shop");
        try (RunningServer server = new RunningServer(home, env)) {
            String token = server.token("sam", "sre");

            // when
            long started = System.nanoTime();
            JsonNode step =
                    RunningServer.step(server.run(token, "ops", "Please restart payments-api"), "restart_service");
            Duration took = Duration.ofNanos(System.nanoTime() - started);

            // then: soon (two quick retries, not fabric8's ten up to 3.2 s apart: 19 s and more)
            assertThat(step.path("status").asText()).isEqualTo("error");
            assertThat(step.path("error").asText()).contains("Kubernetes API is unreachable");
            assertThat(took).isLessThan(Duration.ofSeconds(15));
        }
    }

    @Test
    void should_read_the_kubernetes_settings_with_the_catalogs_deployments() throws Exception {
        Path kubeconfig = Files.writeString(home.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");

        KubernetesRestartConfig k8s = AstraDeskConfig.fromEnv(Map.of(
                        "RESTART_EXECUTOR", "kubernetes",
                        "K8S_NAMESPACE", "shop",
                        "K8S_ROLLOUT_TIMEOUT", "30s",
                        "KUBECONFIG", kubeconfig.toString()))
                .tools()
                .restarts()
                .orElseThrow();

        assertThat(k8s.namespace()).contains("shop");
        assertThat(k8s.rolloutTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(k8s.deployment("astradesk")).isEqualTo("astradesk-api-gateway");
        assertThat(k8s.deployment("payments-api")).isEqualTo("payments-api");
        assertThat(AstraDeskConfig.fromEnv(Map.of()).tools().restarts()).isEmpty();
    }

    @Test
    void should_stop_startup_naming_the_variable_for_bad_restart_settings() {
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(Map.of("RESTART_EXECUTOR", "nomad")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RESTART_EXECUTOR must be simulated or kubernetes; was 'nomad'");
        assertThatThrownBy(() ->
                        AstraDeskConfig.fromEnv(Map.of("RESTART_EXECUTOR", "kubernetes", "K8S_NAMESPACE", "Shop_Prod")))
                .hasMessageContaining("K8S_NAMESPACE must be a Kubernetes namespace name");
        assertThatThrownBy(() ->
                        AstraDeskConfig.fromEnv(Map.of("RESTART_EXECUTOR", "kubernetes", "K8S_ROLLOUT_TIMEOUT", "5m")))
                .hasMessageContaining("K8S_ROLLOUT_TIMEOUT must be at most 50s");
        assertThatThrownBy(() -> AstraDeskConfig.fromEnv(
                        Map.of("RESTART_EXECUTOR", "kubernetes", "KUBECONFIG", "/no/such/kubeconfig")))
                .hasMessageContaining("KUBECONFIG names no readable file");
    }
}
