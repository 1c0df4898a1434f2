package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditOutbox;
import com.astradesk.core.audit.AuditOutboxRelay;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.audit.AuditTestEvents;
import com.astradesk.core.audit.InMemoryAuditOutbox;
import com.astradesk.core.audit.OutboxClaim;
import com.astradesk.core.audit.OutboxMessage;
import com.astradesk.core.audit.RelayConfig;
import com.astradesk.core.store.nats.JetStreamAuditPublisher;
import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.nats.NatsTestSupport;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.Nats;
import io.nats.client.api.StreamConfiguration;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A relay away for longer than the stream's duplicate window sends rows again that the stream already holds: the
 * stream takes them as new messages (new sequences, delivered once), and the Auditor — restarted meanwhile — still
 * archives and indexes each event once. Real JetStream, the S3-compatible stand-in and the search contract.
 */
class AuditorRepublishIT {
    private static final String INDEX = "astradesk-audit-2026.11";
    private static S3ProxyFixture s3;

    private final NatsAuditConfig nats = NatsTestSupport.uniqueConfig(NatsTestSupport.SHARED_URL);
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private FakeSearchServer search;

    @BeforeAll
    static void startS3() throws Exception {
        s3 = S3ProxyFixture.start();
    }

    @AfterAll
    static void stopS3() throws Exception {
        s3.close();
    }

    @AfterEach
    void cleanUp() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
        if (search != null) {
            search.close();
        }
        NatsTestSupport.deleteStream(NatsTestSupport.SHARED_URL, nats);
    }

    private Auditor auditor(List<AuditArchiveSink> sinks) {
        Auditor a = Auditor.connect(
                AuditorConfig.defaults(nats)
                        .withBatchSize(100)
                        .withTimings(
                                Duration.ofMillis(300),
                                Duration.ofSeconds(5),
                                Duration.ofMillis(200),
                                Duration.ofSeconds(1)),
                sinks,
                new AlertEvaluator(AlertRules.parse("{\"channels\":{\"log\":false},\"rules\":[]}")));
        toClose.add(a);
        return a;
    }

    private static void drain(Auditor auditor, long total) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (auditor.ackedCount() < total && System.nanoTime() < deadline) {
            auditor.processBatch();
            Thread.sleep(20);
        }
    }

    /** An outbox whose marks are lost: the relay crashed after the stream acknowledged, before marking the rows. */
    private static AuditOutbox losingMarks(InMemoryAuditOutbox outbox) {
        return new AuditOutbox() {
            @Override
            public OutboxClaim claim(int limit) {
                OutboxClaim claim = outbox.claim(limit);
                return new OutboxClaim() {
                    @Override
                    public List<OutboxMessage> messages() {
                        return claim.messages();
                    }

                    @Override
                    public int complete(Collection<Long> acknowledged) {
                        claim.close();
                        return acknowledged.size();
                    }

                    @Override
                    public void close() {
                        claim.close();
                    }
                };
            }

            @Override
            public long pendingCount() {
                return outbox.pendingCount();
            }
        };
    }

    private long messagesInStream() throws Exception {
        try (Connection nc = Nats.connect(nats.url())) {
            return nc.jetStreamManagement()
                    .getStreamInfo(nats.stream())
                    .getStreamState()
                    .getMsgCount();
        }
    }

    /** What a relay outage longer than the window amounts to, without waiting two minutes: a window of 200 ms. */
    private void letTheDuplicateWindowPass() throws Exception {
        try (Connection nc = Nats.connect(nats.url())) {
            JetStreamManagement jsm = nc.jetStreamManagement();
            StreamConfiguration current = jsm.getStreamInfo(nats.stream()).getConfiguration();
            jsm.updateStream(StreamConfiguration.builder(current)
                    .duplicateWindow(Duration.ofMillis(200))
                    .build());
        }
        Thread.sleep(1_000);
    }

    @Test
    void should_archive_and_index_each_event_once_when_the_relay_sends_rows_again_after_the_duplicate_window()
            throws Exception {
        // given: 300 events relayed and stored by an Auditor, but the relay lost its marks: every row is still pending
        List<AuditRecord> events = AuditTestEvents.chain(300);
        InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
        outbox.enqueue(events);
        JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(nats);
        toClose.add(publisher);
        RelayConfig relayConfig = RelayConfig.defaults().withBatchSize(500).withAckTimeout(Duration.ofSeconds(10));
        int firstSend = AuditOutboxRelay.create(losingMarks(outbox), publisher, relayConfig)
                .drainOnce();
        S3ArchiveSink archive = new S3ArchiveSink(s3.createBucket("republish").withConcurrency(8));
        toClose.add(archive);
        search = new FakeSearchServer();
        SearchIndexSink index = new SearchIndexSink(SearchIndexConfig.of(search.url()));
        Auditor first = auditor(List.of(archive, index));
        drain(first, 300);
        first.close();
        assertThat(firstSend).isEqualTo(300);
        assertThat(outbox.pendingCount()).as("rows the relay could not mark").isEqualTo(300);
        assertThat(first.ackedCount()).isEqualTo(300);

        // when: the window passes, the relay comes back and sends every row again; another Auditor (a restart, or
        // another replica) consumes them
        letTheDuplicateWindowPass();
        int secondSend = AuditOutboxRelay.create(outbox, publisher, relayConfig).drainOnce();
        long inStream = messagesInStream();
        Auditor second = auditor(List.of(archive, index));
        drain(second, 300);

        // then: the stream kept both sends (its dedup could not help), the archive and the index one copy each
        assertThat(secondSend).isEqualTo(300);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(inStream).as("messages in the stream after the second send").isEqualTo(600);
        assertThat(second.ackedCount()).isEqualTo(300);
        List<String> archived = s3.eventIds("republish");
        assertThat(archived).as("archived events").hasSize(300).doesNotHaveDuplicates();
        Set<String> expected = new HashSet<>();
        events.forEach(e -> expected.add(e.eventId()));
        assertThat(Set.copyOf(archived)).isEqualTo(expected);
        assertThat(search.countIn(INDEX)).as("indexed events").isEqualTo(300);
        assertThat(search.createAttempts.get()).as("the index saw both sends").isEqualTo(600);
    }
}
