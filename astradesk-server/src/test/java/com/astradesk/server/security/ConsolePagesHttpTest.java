package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.server.HttpHarness;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.ConsoleConfig;
import com.astradesk.server.http.AstraDeskServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's files from the jar, its sign-in settings, and its Content-Security-Policy. */
class ConsolePagesHttpTest {
    private static final Pattern IMPORT = Pattern.compile("from \"\\./([a-z0-9-]+\\.js)\"");

    @TempDir
    Path home;

    @Test
    void should_serve_the_console_as_es_modules_without_inline_script_and_sign_in_with_dev_tokens() {
        try (var wired = new WiredServer(home, Map.of())) {
            HttpResponse<String> page = wired.http.get("/console", null);
            HttpResponse<String> config = wired.http.get("/console/config.json", null);

            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body())
                    .contains("<script type=\"module\" src=\"/console/app.js\"></script>")
                    .doesNotContain("http://", "https://", "onclick", "onerror", "style=");
            assertThat(page.body().split("<script").length - 1).isEqualTo(1);
            assertThat(json(config).get("sign_in").asText()).isEqualTo("dev_token");
            assertThat(config.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(p -> assertThat(p)
                            .contains("script-src 'self'", "connect-src 'self';", "frame-ancestors 'none'"));
            // every module the console imports is served, and none of them writes HTML
            for (String module : new String[] {
                "app.js",
                "api.js",
                "auth.js",
                "dom.js",
                "i18n.js",
                "view-run.js",
                "view-approvals.js",
                "view-audit.js",
                "view-tools.js",
                "view-knowledge.js"
            }) {
                HttpResponse<String> js = wired.http.get("/console/" + module, null);
                assertThat(js.statusCode()).as(module).isEqualTo(200);
                assertThat(js.headers().firstValue("Content-Type"))
                        .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
                assertThat(js.body())
                        .as(module)
                        .doesNotContain(
                                "innerHTML",
                                "outerHTML",
                                "insertAdjacentHTML",
                                "document.write",
                                "eval(",
                                "new Function");
                Matcher m = IMPORT.matcher(js.body());
                while (m.find()) {
                    assertThat(wired.http.get("/console/" + m.group(1), null).statusCode())
                            .as(module + " imports " + m.group(1))
                            .isEqualTo(200);
                }
            }
            assertThat(wired.http.get("/console/console.css", null).statusCode())
                    .isEqualTo(200);
            assertThat(wired.http.get("/console/missing.js", null).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void should_sign_in_with_oidc_and_let_the_console_connect_to_the_issuer_only() {
        DevIssuer issuer = DevIssuer.ephemeral();
        ConsoleConfig console = new ConsoleConfig(
                Optional.of("https://login.example.com/realms/it"), Optional.of("astradesk-console"), "openid");
        try (AstraDeskServer server = AstraDeskServer.builder()
                .withToolRegistry(ToolRegistry.builder().build())
                .withTokenVerifier(TokenVerifier.forDevIssuer(issuer))
                .withConsole(console)
                .build()
                .start()) {
            HttpHarness http = new HttpHarness(server);

            HttpResponse<String> config = http.get("/console/config.json", null);
            HttpResponse<String> docs = http.get("/docs", null);

            assertThat(json(config).get("sign_in").asText()).isEqualTo("oidc");
            assertThat(json(config).get("issuer").asText()).isEqualTo("https://login.example.com/realms/it");
            assertThat(json(config).get("client_id").asText()).isEqualTo("astradesk-console");
            assertThat(json(config).get("scope").asText()).isEqualTo("openid");
            assertThat(config.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(p -> assertThat(p).contains("connect-src 'self' https://login.example.com;"));
            assertThat(docs.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(p -> assertThat(p).contains("connect-src 'self';"));
            assertThat(http.get("/dev/token", null).statusCode()).isIn(404, 405);
        }
    }
}
