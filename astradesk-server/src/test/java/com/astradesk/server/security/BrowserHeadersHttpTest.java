package com.astradesk.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Swagger UI at {@code /docs} from the jar, and the headers that keep browsers safe on every route. */
class BrowserHeadersHttpTest {
    private static WiredServer wired;

    @BeforeAll
    static void start(@TempDir Path home) {
        wired = new WiredServer(home, Map.of());
    }

    @AfterAll
    static void stop() {
        wired.close();
    }

    private static String csp(HttpResponse<String> r) {
        return r.headers().firstValue("Content-Security-Policy").orElse("");
    }

    @Test
    void should_serve_swagger_ui_from_the_jar_over_the_own_openapi_document() {
        // when
        HttpResponse<String> page = wired.http.get("/docs", null);
        HttpResponse<String> bundle = wired.http.get("/docs/assets/swagger-ui-bundle.js", null);
        HttpResponse<String> init = wired.http.get("/docs/docs.js", null);

        // then
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.body()).contains("/docs/assets/swagger-ui-bundle.js").doesNotContain("http://", "https://");
        assertThat(bundle.statusCode()).isEqualTo(200);
        assertThat(bundle.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(bundle.body()).contains("SwaggerUIBundle");
        assertThat(init.body()).contains("\"/openapi.json\"");
    }

    @Test
    void should_give_pages_a_strict_policy_without_inline_script_or_framing() {
        for (String path : new String[] {"/docs", "/docs/assets/swagger-ui.css"}) {
            HttpResponse<String> r = wired.http.get(path, null);
            String policy = csp(r);
            assertThat(policy).as(path).contains("script-src 'self'", "frame-ancestors 'none'", "default-src 'none'");
            assertThat(policy).as(path).doesNotContain("unsafe-inline", "unsafe-eval", "*");
            assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
            assertThat(r.headers().firstValue("X-Frame-Options")).as(path).hasValue("DENY");
        }
    }

    @Test
    void should_send_nosniff_and_a_deny_all_policy_on_json_routes_and_errors() {
        for (String path : new String[] {"/healthz", "/v1/tools", "/nowhere"}) {
            HttpResponse<String> r = wired.http.get(path, null);
            assertThat(csp(r)).as(path).isEqualTo("default-src 'none'; base-uri 'none'; frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Content-Type-Options"))
                    .as(path)
                    .hasValue("nosniff");
        }
    }

    @Test
    void should_answer_404_for_files_outside_the_asset_directory() {
        for (String path : new String[] {
            "/docs/assets/..%2Fpom.properties",
            "/docs/assets/missing.js",
            "/docs/assets/index.java",
            "/docs/assets/.hidden"
        }) {
            HttpResponse<String> r = wired.http.get(path, null);
            assertThat(r.statusCode()).as(path).isIn(400, 404);
            assertThat(r.body()).as(path).contains("\"code\"");
        }
    }
}
