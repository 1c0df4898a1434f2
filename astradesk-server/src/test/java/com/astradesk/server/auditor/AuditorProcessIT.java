package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class AuditorProcessIT {
    private final NatsAuditConfig nats = NatsTestSupport.uniqueConfig(NatsTestSupport.SHARED_URL);

    @AfterEach
    void cleanUp() {
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, nats);
    }

    @Test
    void should_run_from_the_environment_and_expose_health_readiness_and_metrics() throws Exception {
        try (S3ProxyFixture s3 = S3ProxyFixture.start();
                FakeSearchServer search = new FakeSearchServer()) {
            // given
            s3.createBucket("process");
            Map<String, String> env = new HashMap<>();
            env.put("NATS_URL", nats.url());
            env.put("AUDIT_STREAM", nats.stream());
            env.put("AUDIT_SUBJECT", nats.subject());
            env.put("AUDIT_DLQ_SUBJECT", nats.dlqSubject());
            env.put("S3_BUCKET", "process");
            env.put("S3_ENDPOINT", s3.endpoint().toString());
            env.put("S3_ACCESS_KEY_ID", S3ProxyFixture.ACCESS);
            env.put("S3_SECRET_ACCESS_KEY", S3ProxyFixture.SECRET);
            env.put("ES_URL", search.url().toString());
            env.put("PORT", "0");
            List<AuditRecord> events = AuditTestEvents.chain(5);

            try (AuditorProcess process = AuditorProcess.start(AuditorSettings.fromEnv(env))) {
                // when
                try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(nats)) {
                    for (AuditRecord e : events) {
                        publisher.publishAsync(e).get();
                    }
                }
                long deadline = System.nanoTime() + 20_000_000_000L;
                while (process.auditor().ackedCount() < 5 && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }

                // then
                String base = "http://127.0.0.1:" + process.healthPort();
                assertThat(get(base + "/healthz").statusCode()).isEqualTo(200);
                assertThat(get(base + "/readyz").statusCode()).isEqualTo(200);
                String metrics = get(base + "/metrics").body();
                assertThat(metrics).contains("astradesk_auditor_events_total{outcome=\"archived\"} 5.0");
                assertThat(metrics).contains("astradesk_auditor_lag_seconds");
                assertThat(s3.eventIds("process")).hasSize(5).doesNotHaveDuplicates();
                assertThat(search.docs).hasSize(5);
            }
        }
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
