package com.astradesk.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code RESTART_EXECUTOR=kubernetes} starts only where the executor can find cluster credentials. */
class RestartSettingsTest {
    @TempDir
    Path dir;

    @Test
    void should_stop_the_start_naming_the_variables_when_no_cluster_credentials_can_be_found() {
        // given: not in a pod, no KUBECONFIG, no ~/.kube/config
        EnvReader env = new EnvReader(Map.of("RESTART_EXECUTOR", "kubernetes"));

        // then
        assertThatThrownBy(() -> RestartSettings.from(
                        env, ServiceCatalogConfig.defaults(), dir.resolve("token"), dir.resolve("config")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("RESTART_EXECUTOR=kubernetes finds no cluster credentials")
                .hasMessageContaining("KUBECONFIG")
                .satisfies(e -> assertThat(((ConfigException) e).variables())
                        .containsExactly("RESTART_EXECUTOR", "KUBECONFIG"));
    }

    @Test
    void should_start_in_a_pod_with_its_service_account_token() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "eyJ...");
        EnvReader env = new EnvReader(Map.of(
                "RESTART_EXECUTOR", "kubernetes", "KUBERNETES_SERVICE_HOST", "10.0.0.1", "K8S_NAMESPACE", "shop"));

        assertThat(RestartSettings.from(env, ServiceCatalogConfig.defaults(), token, dir.resolve("config")))
                .hasValueSatisfying(k8s -> {
                    assertThat(k8s.namespace()).contains("shop");
                    assertThat(k8s.kubeconfig()).isEmpty();
                });
    }

    @Test
    void should_not_take_a_token_file_for_a_pod_without_the_kubernetes_service() throws IOException {
        Path token = Files.writeString(dir.resolve("token"), "eyJ...");
        EnvReader env = new EnvReader(Map.of("RESTART_EXECUTOR", "kubernetes"));

        assertThatThrownBy(
                        () -> RestartSettings.from(env, ServiceCatalogConfig.defaults(), token, dir.resolve("config")))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void should_start_with_a_kubeconfig_named_or_in_its_usual_place() throws IOException {
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\n");

        assertThat(RestartSettings.from(
                        new EnvReader(Map.of("RESTART_EXECUTOR", "kubernetes", "KUBECONFIG", kubeconfig.toString())),
                        ServiceCatalogConfig.defaults(),
                        dir.resolve("token"),
                        dir.resolve("config")))
                .hasValueSatisfying(k8s -> assertThat(k8s.kubeconfig()).contains(kubeconfig));
        assertThat(RestartSettings.from(
                        new EnvReader(Map.of("RESTART_EXECUTOR", "kubernetes")),
                        ServiceCatalogConfig.defaults(),
                        dir.resolve("token"),
                        kubeconfig))
                .isPresent();
    }

    @Test
    void should_need_no_credentials_for_the_simulated_executor() {
        assertThat(RestartSettings.from(
                        new EnvReader(Map.of()), ServiceCatalogConfig.defaults(), dir.resolve("t"), dir.resolve("c")))
                .isEmpty();
    }
}
