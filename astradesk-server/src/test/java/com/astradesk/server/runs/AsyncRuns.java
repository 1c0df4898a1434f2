package com.astradesk.server.runs;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.server.HttpHarness;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Submitting and polling asynchronous runs over HTTP (shared by the async-run tests). */
public final class AsyncRuns {
    private AsyncRuns() {}

    /** {@code POST /v1/agents/run} with {@code Prefer: respond-async} and optional extra headers. */
    public static HttpResponse<String> submit(HttpHarness http, String token, String body, String... headers) {
        HttpRequest.Builder b = http.request("/v1/agents/run")
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Prefer", "respond-async")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return http.send(b);
    }

    /** Polls {@code location} until the run is done or failed. */
    public static JsonNode awaitFinished(HttpHarness http, String token, String location, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.get(location, token);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            last = HttpHarness.json(r);
            String status = last.path("status").asText();
            assertThat(status).isIn("queued", "running", "done", "failed");
            if (status.equals("done") || status.equals("failed")) {
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("run not finished after " + timeout + "; last: " + last);
    }
}
