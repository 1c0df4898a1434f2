package com.astradesk.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** Renders deploy/helm/astradesk with the real Helm engine (helm-java) and checks what operators rely on. */
class HelmChartTest {
    private static final Path CHART = Path.of("helm/astradesk");
    private static final ObjectMapper YAML = new YAMLMapper();

    private static List<JsonNode> render(UnaryOperator<TemplateCommand> values) throws IOException {
        String out = values.apply(new Helm(CHART).template().withName("prod").withNamespace("astradesk"))
                .call();
        var docs = new ArrayList<JsonNode>();
        try (var parser = new YAMLFactory().createParser(out)) {
            var it = YAML.readValues(parser, JsonNode.class);
            while (it.hasNext()) {
                JsonNode n = it.next();
                if (n != null && n.has("kind")) {
                    docs.add(n);
                }
            }
        }
        return docs;
    }

    private static JsonNode one(List<JsonNode> docs, String kind, String nameSuffix) {
        return docs.stream()
                .filter(d -> d.path("kind").asText().equals(kind))
                .filter(d -> d.path("metadata").path("name").asText().endsWith(nameSuffix))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " named *" + nameSuffix));
    }

    @Test
    void should_render_both_deployments_with_probes_non_root_and_env_from_config_and_secret() throws IOException {
        List<JsonNode> docs = render(t -> t);

        for (String component : List.of("api-gateway", "auditor")) {
            JsonNode deployment = one(docs, "Deployment", component);
            JsonNode pod = deployment.path("spec").path("template").path("spec");
            JsonNode container = pod.path("containers").get(0);
            assertThat(container
                            .path("livenessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText())
                    .isEqualTo("/healthz");
            assertThat(container
                            .path("readinessProbe")
                            .path("httpGet")
                            .path("path")
                            .asText())
                    .isEqualTo("/readyz");
            assertThat(pod.path("securityContext").path("runAsNonRoot").asBoolean())
                    .isTrue();
            assertThat(container
                            .path("securityContext")
                            .path("allowPrivilegeEscalation")
                            .asBoolean())
                    .isFalse();
            Set<String> envFrom = StreamSupport.stream(container.path("envFrom").spliterator(), false)
                    .map(e -> e.has("configMapRef")
                            ? "cm:" + e.path("configMapRef").path("name").asText()
                            : "secret:" + e.path("secretRef").path("name").asText())
                    .collect(Collectors.toSet());
            assertThat(envFrom).containsExactlyInAnyOrder("cm:prod-astradesk-config", "secret:prod-astradesk-secret");
        }
        JsonNode auditor = one(docs, "Deployment", "auditor")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertThat(auditor.path("args").get(0).asText()).isEqualTo("auditor");
        Set<String> auditorEnv = StreamSupport.stream(auditor.path("env").spliterator(), false)
                .map(e -> e.path("name").asText())
                .collect(Collectors.toSet());
        assertThat(auditorEnv).contains("S3_BUCKET", "ES_URL", "PORT");
    }

    @Test
    void should_put_every_seed_setting_in_the_config_map_except_the_database_secret() throws IOException {
        JsonNode data = one(render(t -> t), "ConfigMap", "-config").path("data");

        assertThat(data.path("ASTRADESK_ENV").asText()).isEqualTo("production");
        for (String key : List.of(
                "REDIS_URL", "NATS_URL", "OIDC_ISSUER", "OIDC_AUDIENCE", "OIDC_JWKS_URL", "API_VERSION", "LOG_LEVEL")) {
            assertThat(data.has(key)).as(key).isTrue();
        }
        assertThat(data.has("DATABASE_URL"))
                .as("DATABASE_URL belongs in the Secret")
                .isFalse();
    }

    @Test
    void should_scale_the_api_gateway_on_60_percent_cpu_with_autoscaling_v2() throws IOException {
        List<JsonNode> docs = render(t -> t);
        JsonNode hpa = one(docs, "HorizontalPodAutoscaler", "api-gateway");

        assertThat(hpa.path("apiVersion").asText()).isEqualTo("autoscaling/v2");
        assertThat(hpa.path("spec").path("minReplicas").asInt()).isEqualTo(2);
        assertThat(hpa.path("spec").path("maxReplicas").asInt()).isEqualTo(10);
        JsonNode target = hpa.path("spec").path("metrics").get(0).path("resource");
        assertThat(target.path("name").asText()).isEqualTo("cpu");
        assertThat(target.path("target").path("averageUtilization").asInt()).isEqualTo(60);
        assertThat(one(docs, "Deployment", "api-gateway").path("spec").has("replicas"))
                .as("replicas are the HPA's when autoscaling is on")
                .isFalse();
        assertThat(one(docs, "Service", "api-gateway")
                        .path("spec")
                        .path("ports")
                        .get(0)
                        .path("targetPort")
                        .asText())
                .isEqualTo("http");
    }

    @Test
    void should_add_istio_strict_mtls_and_service_monitor_only_when_enabled() throws IOException {
        List<JsonNode> plain = render(t -> t);
        assertThat(plain)
                .noneMatch(d -> Set.of("PeerAuthentication", "DestinationRule", "ServiceMonitor")
                        .contains(d.path("kind").asText()));

        List<JsonNode> docs = render(t -> t.set("istio.enabled", true).set("serviceMonitor.enabled", true));
        assertThat(one(docs, "PeerAuthentication", "astradesk")
                        .path("spec")
                        .path("mtls")
                        .path("mode")
                        .asText())
                .isEqualTo("STRICT");
        assertThat(one(docs, "DestinationRule", "api-gateway")
                        .path("spec")
                        .path("trafficPolicy")
                        .path("tls")
                        .path("mode")
                        .asText())
                .isEqualTo("ISTIO_MUTUAL");
        assertThat(one(docs, "ServiceMonitor", "astradesk")
                        .path("spec")
                        .path("endpoints")
                        .get(0)
                        .path("path")
                        .asText())
                .isEqualTo("/metrics");
    }

    @Test
    void should_create_a_service_account_and_a_role_for_kubernetes_restarts_only_when_enabled() throws IOException {
        List<JsonNode> plain = render(t -> t);
        assertThat(plain)
                .noneMatch(d -> Set.of("ServiceAccount", "Role", "RoleBinding")
                        .contains(d.path("kind").asText()));
        assertThat(one(plain, "ConfigMap", "config").path("data").has("RESTART_EXECUTOR"))
                .isFalse();

        List<JsonNode> docs =
                render(t -> t.set("restarts.kubernetes", true).set("restarts.deployments[0]", "payments-api"));
        JsonNode rule = one(docs, "Role", "restarter").path("rules").get(0);
        assertThat(rule.path("apiGroups").toString()).isEqualTo("[\"apps\"]");
        assertThat(rule.path("resources").toString()).isEqualTo("[\"deployments\"]");
        assertThat(rule.path("verbs").toString()).isEqualTo("[\"get\",\"patch\"]");
        assertThat(rule.path("resourceNames").toString()).isEqualTo("[\"payments-api\"]");
        JsonNode binding = one(docs, "RoleBinding", "restarter");
        assertThat(binding.path("subjects").get(0).path("namespace").asText()).isEqualTo("astradesk");
        assertThat(one(docs, "Deployment", "api-gateway")
                        .path("spec")
                        .path("template")
                        .path("spec")
                        .path("serviceAccountName")
                        .asText())
                .isEqualTo(one(docs, "ServiceAccount", "restarter")
                        .path("metadata")
                        .path("name")
                        .asText());
        JsonNode config = one(docs, "ConfigMap", "config").path("data");
        assertThat(config.path("RESTART_EXECUTOR").asText()).isEqualTo("kubernetes");
        assertThat(config.path("K8S_NAMESPACE").asText()).isEqualTo("astradesk");
        assertThat(config.path("K8S_ROLLOUT_TIMEOUT").asText()).isEqualTo("45s");
    }

    @Test
    void should_create_a_secret_only_when_no_existing_secret_is_named() throws IOException {
        assertThat(render(t -> t)).noneMatch(d -> d.path("kind").asText().equals("Secret"));

        List<JsonNode> created = render(t -> t.set("secret.data.DATABASE_URL", "jdbc:postgresql://db/astradesk"));
        assertThat(one(created, "Secret", "-secret")
                        .path("stringData")
                        .path("DATABASE_URL")
                        .asText())
                .isEqualTo("jdbc:postgresql://db/astradesk");

        List<JsonNode> existing = render(
                t -> t.set("secret.existingSecret", "vault-astradesk").set("secret.data.DATABASE_URL", "ignored"));
        assertThat(existing).noneMatch(d -> d.path("kind").asText().equals("Secret"));
        assertThat(one(existing, "Deployment", "api-gateway").toString()).contains("vault-astradesk");
    }

    @Test
    void should_keep_every_template_file_rendering_as_yaml() throws IOException {
        try (var files = Files.list(CHART.resolve("templates"))) {
            assertThat(files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml")))
                    .hasSizeGreaterThanOrEqualTo(8);
        }
        List<JsonNode> all = render(t -> t.set("istio.enabled", true)
                .set("serviceMonitor.enabled", true)
                .set("secret.data.DATABASE_URL", "x")
                .set("restarts.kubernetes", true));
        assertThat(all.stream().map(d -> d.path("kind").asText()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "ConfigMap",
                        "Secret",
                        "Deployment",
                        "Service",
                        "HorizontalPodAutoscaler",
                        "PeerAuthentication",
                        "DestinationRule",
                        "ServiceMonitor",
                        "ServiceAccount",
                        "Role",
                        "RoleBinding");
    }

    @Test
    void should_deploy_the_model_gateway_as_its_own_deployment_and_point_the_api_server_at_it() throws IOException {
        assertThat(render(t -> t).stream()
                        .map(d -> d.path("metadata").path("name").asText()))
                .noneMatch(name -> name.endsWith("model-gateway"));

        List<JsonNode> docs = render(t -> t.set("modelGateway.enabled", true));

        JsonNode pod = one(docs, "Deployment", "model-gateway")
                .path("spec")
                .path("template")
                .path("spec");
        JsonNode gateway = pod.path("containers").get(0);
        assertThat(gateway.path("args").get(0).asText()).isEqualTo("gateway");
        assertThat(env(gateway))
                .contains("GATEWAY_PORT=8090", "MODEL_PROVIDER=openai", "GATEWAY_TOKENS_PER_MINUTE=100000");
        assertThat(gateway.path("readinessProbe").path("httpGet").path("path").asText())
                .isEqualTo("/readyz");
        JsonNode service = one(docs, "Service", "model-gateway");
        assertThat(service.path("spec")
                        .path("selector")
                        .path("app.kubernetes.io/component")
                        .asText())
                .isEqualTo("model-gateway");
        JsonNode api = one(docs, "Deployment", "api-gateway")
                .path("spec")
                .path("template")
                .path("spec")
                .path("containers")
                .get(0);
        assertThat(env(api))
                .contains("MODEL_PROVIDER=openai", "MODEL_BASE_URL=http://prod-astradesk-model-gateway:80/v1");
        JsonNode key = StreamSupport.stream(api.path("env").spliterator(), false)
                .filter(e -> e.path("name").asText().equals("OPENAI_API_KEY"))
                .findFirst()
                .orElseThrow();
        assertThat(key.path("valueFrom").path("secretKeyRef").path("key").asText())
                .isEqualTo("MODEL_GATEWAY_TOKEN");
    }

    private static Set<String> env(JsonNode container) {
        return StreamSupport.stream(container.path("env").spliterator(), false)
                .filter(e -> e.has("value"))
                .map(e -> e.path("name").asText() + "=" + e.path("value").asText())
                .collect(Collectors.toSet());
    }
}
