package com.astradesk.server.security;

import static com.astradesk.server.HttpHarness.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecurityOpenApiTest {
    @TempDir
    Path home;

    @Test
    void should_document_the_approval_routes_and_the_new_statuses() {
        try (var wired = new WiredServer(home, Map.of())) {
            JsonNode doc = json(wired.http.get("/openapi.json", null));

            assertThat(wired.server.routes()).contains("GET /v1/approvals/{id}", "POST /v1/approvals/{id}");
            for (String route : wired.server.routes()) {
                String[] parts = route.split(" ", 2);
                assertThat(doc.get("paths").path(parts[1]).get(parts[0].toLowerCase(Locale.ROOT)))
                        .as("%s in openapi.json", route)
                        .isNotNull();
            }
            JsonNode run = doc.get("paths").get("/v1/agents/run").get("post").get("responses");
            assertThat(run.has("202") && run.has("409") && run.has("422") && run.has("429"))
                    .isTrue();
            assertThat(run.get("429").get("headers").has("Retry-After")).isTrue();
            JsonNode decide =
                    doc.get("paths").get("/v1/approvals/{id}").get("post").get("responses");
            assertThat(decide.has("403") && decide.has("404") && decide.has("409"))
                    .isTrue();
        }
    }
}
