package com.astradesk.server.http;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.astradesk.server.TestFixtures;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.DeploymentEnvironment;
import com.astradesk.server.config.ServerConfig;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevTokenLoopbackTest {

    private static Optional<InetAddress> nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nif.isUp() || nif.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nif.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress()) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void should_refuse_dev_token_to_a_caller_that_is_not_on_loopback() throws Exception {
        Optional<InetAddress> address = nonLoopbackAddress();
        assumeTrue(address.isPresent(), "needs a non-loopback interface");
        TestFixtures fixtures = new TestFixtures();
        DevIssuer issuer = DevIssuer.ephemeral();
        ServerConfig config = new ServerConfig(
                address.get().getHostAddress(),
                0,
                DeploymentEnvironment.TEST,
                "v1",
                ServerConfig.DEFAULT_MAX_BODY_BYTES,
                true);
        try (AstraDeskServer server = AstraDeskServer.builder()
                .withConfig(config)
                .withToolRegistry(fixtures.registry)
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .withDevIssuer(issuer)
                .build()
                .start()) {
            HttpRequest request = HttpRequest.newBuilder(
                            URI.create("http://" + address.get().getHostAddress() + ":" + server.port() + "/dev/token"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"sub\":\"mallory\",\"roles\":[\"sre\"]}"))
                    .build();

            HttpResponse<String> response =
                    HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(403);
            assertThat(json(response).get("code").asText()).isEqualTo("forbidden");
            assertThat(response.body()).doesNotContain("access_token");
            assertThat(new ObjectMapper()
                            .readTree(response.body())
                            .get("detail")
                            .asText())
                    .contains("loopback");
        }
    }
}
