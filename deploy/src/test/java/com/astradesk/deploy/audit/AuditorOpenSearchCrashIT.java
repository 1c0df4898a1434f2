package com.astradesk.deploy.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import com.astradesk.server.auditor.AlertEvaluator;
import com.astradesk.server.auditor.AlertRules;
import com.astradesk.server.auditor.AuditArchiveSink;
import com.astradesk.server.auditor.AuditEvent;
import com.astradesk.server.auditor.Auditor;
import com.astradesk.server.auditor.AuditorConfig;
import com.astradesk.server.auditor.SearchIndexConfig;
import com.astradesk.server.auditor.SearchIndexSink;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Auditor on the real JetStream server and a real OpenSearch node, killed in the middle of a batch. */
class AuditorOpenSearchCrashIT {
    private static EmbeddedOpenSearch node;
    private final NatsAuditConfig nats = NatsTestSupport.uniqueConfig(NatsTestSupport.SHARED_URL);

    @BeforeAll
    static void startNode() throws Exception {
        node = EmbeddedOpenSearch.start();
    }

    @AfterAll
    static void stopNode() throws Exception {
        node.close();
    }

    @AfterEach
    void deleteStream() {
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, nats);
    }

    @Test
    void should_index_each_event_exactly_once_when_the_auditor_dies_before_acking() throws Exception {
        // given
        List<AuditRecord> events = AuditTestEvents.chain(300);
        try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(nats)) {
            for (AuditRecord e : events) {
                publisher.publishAsync(e).get();
            }
        }
        // the first _bulk creates the index; on a loaded machine that took longer than the default 10 s timeout
        SearchIndexSink index = new SearchIndexSink(
                new SearchIndexConfig(node.url(), "crash-audit-", Optional.empty(), Duration.ofSeconds(60)));
        AuditorConfig config = AuditorConfig.defaults(nats)
                .withBatchSize(100)
                .withTimings(
                        Duration.ofMillis(300), Duration.ofSeconds(2), Duration.ofMillis(200), Duration.ofSeconds(1));
        AlertEvaluator alerts = new AlertEvaluator(AlertRules.parse("{\"channels\":{\"log\":false},\"rules\":[]}"));
        AtomicReference<Auditor> first = new AtomicReference<>();
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        AuditArchiveSink dyingAfterWrite = new AuditArchiveSink() {
            @Override
            public String name() {
                return "dies-after-write";
            }

            @Override
            public Set<String> write(List<AuditEvent> batch) {
                Set<String> failed = index.write(batch);
                written.addAndGet(batch.size());
                if (crashed.compareAndSet(false, true)) {
                    first.get().close(); // the connection goes away before any ack
                }
                return failed;
            }
        };
        first.set(Auditor.connect(config, List.of(dyingAfterWrite), alerts));

        // when
        long firstDeadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!crashed.get() && System.nanoTime() < firstDeadline) {
            // on a loaded machine a fetch can come back empty: try until the first batch arrives
            try {
                first.get().processBatch();
            } catch (RuntimeException expected) {
                // acks fail on the closed connection
            }
        }
        long ackedBeforeCrash = first.get().ackedCount();
        try (Auditor second = Auditor.connect(config, List.of(index), alerts)) {
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (second.ackedCount() < 300 && System.nanoTime() < deadline) {
                second.processBatch();
            }

            // then
            assertThat(ackedBeforeCrash).isZero();
            assertThat(written.get()).isEqualTo(100);
            assertThat(second.ackedCount()).isEqualTo(300);
        }
        assertThat(count("crash-audit-2026.11")).isEqualTo(300);
    }

    private static long count(String index) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        http.send(
                HttpRequest.newBuilder(URI.create(node.url() + "/" + index + "/_refresh"))
                        .POST(HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        String body = http.send(
                        HttpRequest.newBuilder(URI.create(node.url() + "/" + index + "/_count"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        return Long.parseLong(body.replaceAll(".*\"count\":(\\d+).*", "$1"));
    }
}
