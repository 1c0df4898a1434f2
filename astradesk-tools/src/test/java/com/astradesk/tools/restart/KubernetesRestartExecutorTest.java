package com.astradesk.tools.restart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.tools.restart.internal.KubernetesRestartExecutor;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes restart executor against fabric8's mock API server in CRUD mode (no cluster runs here): the
 * test plays the Deployment controller by writing the Deployment's status.
 */
@EnableKubernetesMockClient(crud = true)
class KubernetesRestartExecutorTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:15:30Z");

    KubernetesClient client;

    private KubernetesRestartExecutor executor(Duration rolloutTimeout, Map<String, String> deployments) {
        return new KubernetesRestartExecutor(
                new KubernetesRestartConfig(Optional.of("shop"), deployments, rolloutTimeout, Optional.empty()),
                client,
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void deploy(String name, int replicas) {
        client.apps()
                .deployments()
                .inNamespace("shop")
                .resource(new DeploymentBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace("shop")
                        .endMetadata()
                        .withNewSpec()
                        .withReplicas(replicas)
                        .withNewSelector()
                        .addToMatchLabels("app", name)
                        .endSelector()
                        .withNewTemplate()
                        .withNewMetadata()
                        .addToLabels("app", name)
                        .endMetadata()
                        .withNewSpec()
                        .addNewContainer()
                        .withName("app")
                        .withImage("registry.example/" + name + ":1")
                        .endContainer()
                        .endSpec()
                        .endTemplate()
                        .endSpec()
                        .build())
                // idempotent: a busy machine can make the client retry a create the mock server already did
                .createOr(NonDeletingOperation::update);
    }

    private Deployment stored(String name) {
        return client.apps().deployments().inNamespace("shop").withName(name).get();
    }

    /** Plays the controller: once the pod template carries restartedAt, reports every replica rolled and ready. */
    private CompletableFuture<Void> controllerRollsOut(String name, int replicas) {
        return CompletableFuture.runAsync(() -> {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                Deployment d = stored(name);
                Map<String, String> annotations =
                        d.getSpec().getTemplate().getMetadata().getAnnotations();
                if (annotations != null && annotations.containsKey(KubernetesRestartExecutor.RESTARTED_AT)) {
                    client.apps()
                            .deployments()
                            .inNamespace("shop")
                            .withName(name)
                            .editStatus(x -> new DeploymentBuilder(x)
                                    .withNewStatus()
                                    .withObservedGeneration(x.getMetadata().getGeneration())
                                    .withReplicas(replicas)
                                    .withUpdatedReplicas(replicas)
                                    .withReadyReplicas(replicas)
                                    .withAvailableReplicas(replicas)
                                    .endStatus()
                                    .build());
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
    }

    @Test
    void should_patch_restarted_at_like_kubectl_and_report_ready_replicas_once_rolled_out() throws Exception {
        // given
        deploy("payments-api", 3);
        CompletableFuture<Void> controller = controllerRollsOut("payments-api", 3);

        // when
        RestartResult result = executor(Duration.ofSeconds(20), Map.of())
                .restart(new RestartRequest("payments-api", "sam", "run-1", "req-1"));

        // then
        controller.get(5, TimeUnit.SECONDS);
        assertThat(result.executor()).isEqualTo("kubernetes");
        assertThat(result.simulated()).isFalse();
        assertThat(result.status()).isEqualTo(RestartResult.Status.COMPLETED);
        assertThat(result.details())
                .containsEntry("deployment", "payments-api")
                .containsEntry("namespace", "shop")
                .containsEntry("desired_replicas", 3)
                .containsEntry("ready_replicas", 3);
        String restartedAt = stored("payments-api")
                .getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .get("kubectl.kubernetes.io/restartedAt");
        assertThat(restartedAt).isNotBlank();
        assertThat(result.details()).containsEntry("restarted_at", restartedAt);
    }

    @Test
    void should_answer_triggered_with_the_progress_when_the_rollout_does_not_finish_in_time() {
        // given: no controller moves the rollout on
        deploy("webapp", 2);

        // when
        RestartResult result = executor(Duration.ofMillis(500), Map.of())
                .restart(new RestartRequest("webapp", "sam", "run-2", "req-2"));

        // then
        assertThat(result.status()).isEqualTo(RestartResult.Status.TRIGGERED);
        assertThat(result.details()).containsEntry("ready_replicas", 0).containsEntry("desired_replicas", 2);
        assertThat(stored("webapp").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void should_restart_the_deployment_the_catalog_names() {
        // given
        deploy("payments-v2", 1);

        // when
        RestartResult result = executor(Duration.ZERO, Map.of("payments-api", "payments-v2"))
                .restart(new RestartRequest("payments-api", "sam", "run-3", "req-3"));

        // then
        assertThat(result.details()).containsEntry("deployment", "payments-v2");
        assertThat(stored("payments-v2").getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void should_fail_naming_the_deployment_and_namespace_when_it_does_not_exist() {
        assertThatThrownBy(() -> executor(Duration.ZERO, Map.of())
                        .restart(new RestartRequest("search-service", "sam", "run-4", "req-4")))
                .isInstanceOf(ToolFailureException.class)
                .hasMessage("deployment search-service not found in namespace shop");
    }
}
