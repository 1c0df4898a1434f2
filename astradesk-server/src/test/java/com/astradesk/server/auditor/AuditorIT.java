package com.astradesk.server.auditor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditEvents;
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
import com.astradesk.core.store.nats.PrivateNatsServer;
import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.StreamConfiguration;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Auditor against the real JetStream server, a real S3-compatible server and the search contract. */
class AuditorIT {
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

    private AuditorConfig auditorConfig(NatsAuditConfig n, Duration ackWait) {
        return AuditorConfig.defaults(n)
                .withBatchSize(100)
                .withTimings(Duration.ofMillis(300), ackWait, Duration.ofMillis(200), Duration.ofSeconds(1));
    }

    private S3ArchiveSink s3Sink(String bucket) {
        return s3Sink(bucket, 8);
    }

    private S3ArchiveSink s3Sink(String bucket, int concurrency) {
        S3ArchiveSink sink = new S3ArchiveSink(s3.createBucket(bucket).withConcurrency(concurrency));
        toClose.add(sink);
        return sink;
    }

    private SearchIndexSink searchSink() throws Exception {
        search = new FakeSearchServer();
        return new SearchIndexSink(SearchIndexConfig.of(search.url()));
    }

    private Auditor auditor(NatsAuditConfig n, List<AuditArchiveSink> sinks, AlertEvaluator alerts) {
        return auditor(n, sinks, alerts, Duration.ofSeconds(2));
    }

    private Auditor auditor(NatsAuditConfig n, List<AuditArchiveSink> sinks, AlertEvaluator alerts, Duration ackWait) {
        Auditor a = Auditor.connect(auditorConfig(n, ackWait), sinks, alerts);
        toClose.add(a);
        return a;
    }

    private static AlertEvaluator quietAlerts() {
        return new AlertEvaluator(AlertRules.parse("{\"channels\":{\"log\":false},\"rules\":[]}"));
    }

    private void publish(NatsAuditConfig n, List<AuditRecord> events) throws Exception {
        try (JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(n)) {
            for (AuditRecord e : events) {
                publisher.publishAsync(e).get();
            }
        }
    }

    /** The server counts acks asynchronously: wait (bounded) until it has seen them all. */
    private static long ackPendingSettled(NatsAuditConfig nats) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        long pending = consumer(nats).getNumAckPending();
        while (pending > 0 && System.nanoTime() < deadline) {
            Thread.sleep(50);
            pending = consumer(nats).getNumAckPending();
        }
        return pending;
    }

    private static void await(Duration timeout, Runnable step, BooleanSupplier done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.getAsBoolean() && System.nanoTime() < deadline) {
            step.run();
            Thread.sleep(20);
        }
    }

    private static Set<String> ids(List<AuditRecord> events) {
        Set<String> out = new HashSet<>();
        events.forEach(e -> out.add(e.eventId()));
        return out;
    }

    private static Set<String> archivedIds(String bucket) {
        return new HashSet<>(s3.eventIds(bucket));
    }

    @Test
    void should_store_every_event_in_s3_and_the_index_then_ack_and_alert() throws Exception {
        // given
        List<AuditRecord> events = new ArrayList<>(AuditTestEvents.chain(30));
        AuditRecord denied = AuditTestEvents.record(
                "bob",
                "restart_service",
                AuditDecision.DENIED,
                Optional.of("restart_service"),
                Optional.of("execute"),
                Instant.parse("2026-11-26T11:00:00Z"));
        events.add(denied);
        publish(nats, events);
        try (WebhookReceiver hook = new WebhookReceiver()) {
            AlertEvaluator alerts = new AlertEvaluator(
                    AlertRules.parse(
                            "{\"channels\":{\"log\":true,\"webhook\":{\"url\":\"" + hook.url() + "\"}},\"rules\":["
                                    + "{\"name\":\"denied-execute\",\"type\":\"denied_side_effect\",\"side_effects\":[\"execute\"]}]}"));
            Auditor auditor = auditor(nats, List.of(s3Sink("happy"), searchSink()), alerts);

            // when
            await(Duration.ofSeconds(20), auditor::processBatch, () -> auditor.ackedCount() >= events.size());

            // then
            assertThat(auditor.ackedCount()).isEqualTo(events.size());
            assertThat(archivedIds("happy")).isEqualTo(ids(events));
            assertThat(search.countIn(INDEX)).isEqualTo(events.size());
            assertThat(hook.bodies).hasSize(1);
            assertThat(hook.bodies.get(0)).contains(denied.eventId()).contains("denied-execute");
        }
        assertThat(consumer(nats).getNumPending()).isZero();
        assertThat(ackPendingSettled(nats))
                .as("acks still pending on the server")
                .isZero();
    }

    @Test
    void should_store_each_event_exactly_once_when_the_auditor_dies_mid_batch_and_restarts() throws Exception {
        // given: 300 events; the first Auditor dies after its sinks wrote a batch, before any ack
        List<AuditRecord> events = AuditTestEvents.chain(300);
        publish(nats, events);
        S3ArchiveSink archive = s3Sink("crash");
        SearchIndexSink index = searchSink();
        AtomicReference<Auditor> first = new AtomicReference<>();
        AtomicBoolean crashed = new AtomicBoolean();
        AuditArchiveSink crashingAfterWrite = new AuditArchiveSink() {
            @Override
            public String name() {
                return "crash-after-write";
            }

            @Override
            public Set<String> write(List<AuditEvent> batch) {
                Set<String> failed = index.write(batch);
                if (crashed.compareAndSet(false, true)) {
                    first.get().abortConnection();
                }
                return failed;
            }
        };
        first.set(auditor(nats, List.of(archive, crashingAfterWrite), quietAlerts()));

        // when
        try {
            first.get().processBatch();
        } catch (RuntimeException expected) {
            // the connection died under the acks
        }
        long ackedBeforeCrash = first.get().ackedCount();
        int writtenBeforeCrash = search.createAttempts.get();
        Auditor second = auditor(nats, List.of(archive, index), quietAlerts());
        await(Duration.ofSeconds(30), second::processBatch, () -> second.ackedCount() >= events.size());

        // then
        assertThat(crashed).isTrue();
        assertThat(ackedBeforeCrash).isZero();
        assertThat(writtenBeforeCrash).isEqualTo(100);
        assertThat(second.ackedCount()).isEqualTo(300);
        assertThat(search.createAttempts.get())
                .as("the crashed batch was delivered again")
                .isEqualTo(400);
        List<String> archived = s3.eventIds("crash");
        assertThat(archived).hasSize(300).doesNotHaveDuplicates();
        assertThat(Set.copyOf(archived)).isEqualTo(ids(events));
        assertThat(search.countIn(INDEX)).isEqualTo(300);
        assertThat(ackPendingSettled(nats))
                .as("acks still pending on the server")
                .isZero();
    }

    @Test
    void should_store_each_event_once_when_a_batch_takes_longer_than_the_ack_wait() throws Exception {
        // given: 200 events, two workers, a 1 s ack wait, and an archive whose first write takes 2.5 s: without
        // "in progress" beats the server re-delivers that batch to the other worker, which does not find it in
        // the archive yet and stores it a second time
        List<AuditRecord> events = AuditTestEvents.chain(200);
        publish(nats, events);
        S3ArchiveSink archive = s3Sink("slow");
        AtomicBoolean slowed = new AtomicBoolean();
        AuditArchiveSink slowFirstWrite = new AuditArchiveSink() {
            @Override
            public String name() {
                return "slow-s3";
            }

            @Override
            public Set<String> write(List<AuditEvent> batch) {
                if (slowed.compareAndSet(false, true)) {
                    try {
                        Thread.sleep(2500);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                return archive.write(batch);
            }
        };
        Auditor auditor = Auditor.connect(
                auditorConfig(nats, Duration.ofSeconds(1)).withWorkers(2),
                List.of(slowFirstWrite, searchSink()),
                quietAlerts());
        toClose.add(auditor);

        // when
        auditor.start();
        await(Duration.ofSeconds(30), () -> {}, () -> auditor.ackedCount() >= events.size());
        Thread.sleep(1500); // a re-delivery, if any, would arrive within the ack wait

        // then
        assertThat(slowed).isTrue();
        List<String> archived = s3.eventIds("slow");
        assertThat(archived).doesNotHaveDuplicates().hasSize(200);
        assertThat(Set.copyOf(archived)).isEqualTo(ids(events));
        assertThat(search.countIn(INDEX)).isEqualTo(200);
    }

    @Test
    void should_ack_nothing_while_s3_is_down_and_store_everything_after_it_returns() throws Exception {
        // given
        List<AuditRecord> events = AuditTestEvents.chain(50);
        publish(nats, events);
        S3ArchiveSink archive = s3Sink("outage");
        Auditor auditor = auditor(nats, List.of(archive, searchSink()), quietAlerts());
        s3.stop();

        // when: a few rounds against the dead sink
        try {
            for (int i = 0; i < 3; i++) {
                auditor.processBatch();
            }
            ConsumerInfo during = consumer(nats);

            // then: nothing acknowledged, everything still owed
            assertThat(auditor.ackedCount()).isZero();
            assertThat(auditor.nackedCount()).isGreaterThanOrEqualTo(50);
            assertThat(during.getAckFloor().getStreamSequence()).isZero();
        } finally {
            s3.restart();
        }
        await(Duration.ofSeconds(20), auditor::processBatch, () -> auditor.ackedCount() >= events.size());

        // and when it is back, every event arrives once
        assertThat(auditor.ackedCount()).isEqualTo(50);
        assertThat(archivedIds("outage")).isEqualTo(ids(events));
        assertThat(search.countIn(INDEX)).isEqualTo(50);
    }

    @Test
    void should_ack_nothing_while_the_index_rejects_events_and_lose_nothing() throws Exception {
        // given
        List<AuditRecord> events = AuditTestEvents.chain(20);
        publish(nats, events);
        Auditor auditor = auditor(nats, List.of(s3Sink("index-down"), searchSink()), quietAlerts());
        search.down.set(true);

        // when
        auditor.processBatch();
        long ackedWhileDown = auditor.ackedCount();
        search.down.set(false);
        search.rejectIds.add(events.get(5).eventId());
        await(Duration.ofSeconds(5), auditor::processBatch, () -> auditor.ackedCount() >= 19);
        long ackedWithOneRejected = auditor.ackedCount();
        search.rejectIds.clear();
        await(Duration.ofSeconds(10), auditor::processBatch, () -> auditor.ackedCount() >= 20);

        // then
        assertThat(ackedWhileDown).isZero();
        assertThat(ackedWithOneRejected).isEqualTo(19);
        assertThat(auditor.ackedCount()).isEqualTo(20);
        assertThat(search.countIn(INDEX)).isEqualTo(20);
        assertThat(s3.eventIds("index-down"))
                .as("events the archive stored before the index refused them are not archived again")
                .hasSize(20)
                .doesNotHaveDuplicates();
    }

    @Test
    void should_move_poison_messages_to_the_dead_letter_subject_and_ack_them() throws Exception {
        // given
        AuditRecord good = AuditTestEvents.chain(1).get(0);
        publish(nats, List.of(good));
        try (Connection nc = Nats.connect(NatsTestSupport.SHARED_URL)) {
            nc.jetStream().publish(nats.subject(), "not json at all".getBytes(StandardCharsets.UTF_8));
            nc.jetStream().publish(nats.subject(), "{\"schema_version\":9}".getBytes(StandardCharsets.UTF_8));
        }
        Auditor auditor = auditor(nats, List.of(s3Sink("poison"), searchSink()), quietAlerts());

        // when
        await(
                Duration.ofSeconds(10),
                auditor::processBatch,
                () -> auditor.ackedCount() + auditor.deadLetteredCount() >= 3);

        // then
        assertThat(auditor.ackedCount()).isEqualTo(1);
        assertThat(auditor.deadLetteredCount()).isEqualTo(2);
        assertThat(ackPendingSettled(nats))
                .as("acks still pending on the server")
                .isZero();
        try (Connection nc = Nats.connect(NatsTestSupport.SHARED_URL)) {
            JetStreamSubscription dlq = nc.jetStream()
                    .subscribe(nats.dlqSubject(), PullSubscribeOptions.builder().build());
            List<Message> dead = dlq.fetch(10, Duration.ofSeconds(1));
            assertThat(dead).hasSize(2);
            assertThat(new String(dead.get(0).getData(), StandardCharsets.UTF_8))
                    .isEqualTo("not json at all");
            assertThat(dead.get(0).getHeaders().getFirst("Astradesk-Dlq-Reason"))
                    .contains("not a JSON object");
            assertThat(dead.get(1).getHeaders().getFirst("Astradesk-Dlq-Reason"))
                    .contains("schema_version");
        }
    }

    @Test
    void should_bring_all_500_runs_to_s3_and_the_index_after_nats_was_down() throws Exception {
        assumeTrue(PrivateNatsServer.available(), "nats-server binary not installed");
        try (PrivateNatsServer privateNats = PrivateNatsServer.start()) {
            // given: outbox -> relay -> private NATS -> Auditor -> S3 + index, all running
            NatsAuditConfig n = NatsTestSupport.uniqueConfig(privateNats.url());
            InMemoryAuditOutbox outbox = AuditOutbox.inMemory();
            JetStreamAuditPublisher publisher = JetStreamAuditPublisher.connect(n);
            toClose.add(publisher);
            AuditOutboxRelay relay = AuditOutboxRelay.start(
                    outbox,
                    publisher,
                    RelayConfig.defaults()
                            .withAckTimeout(Duration.ofSeconds(1))
                            .withBackoff(Duration.ofMillis(50), Duration.ofMillis(500)));
            toClose.add(relay);
            Auditor auditor = auditor(n, List.of(s3Sink("e2e"), searchSink()), quietAlerts(), Duration.ofSeconds(30));
            auditor.start();
            privateNats.stop();

            // when: 500 runs happen while NATS is down, then it comes back
            List<AuditRecord> events = AuditTestEvents.chain(500);
            for (AuditRecord e : events) {
                outbox.enqueue(List.of(e));
            }
            Thread.sleep(500);
            long backlogDuringOutage = relay.backlog();
            long restartedAt = System.nanoTime();
            privateNats.restart();
            await(
                    Duration.ofSeconds(90),
                    () -> {},
                    () -> search.countIn(INDEX) >= 500 && s3.eventIds("e2e").size() >= 500);
            System.out.printf(
                    "500 events from outbox to S3 + index after NATS restart in %.2f s%n",
                    (System.nanoTime() - restartedAt) / 1e9);
            await(Duration.ofSeconds(10), () -> {}, () -> auditor.ackedCount() >= 500);

            // then
            assertThat(backlogDuringOutage).isEqualTo(500);
            assertThat(relay.backlog()).isZero();
            assertThat(auditor.ackedCount()).isEqualTo(500);
            assertThat(archivedIds("e2e")).isEqualTo(ids(events));
            assertThat(search.countIn(INDEX)).isEqualTo(500);
            auditor.close();
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

    /**
     * A relay away for longer than the stream's duplicate window sends rows again that the stream already holds: the
     * stream takes them as new messages (new sequences, delivered once), and the Auditor — restarted meanwhile — still
     * archives and indexes each event once.
     */
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
        S3ArchiveSink archive = s3Sink("republish");
        SearchIndexSink index = searchSink();
        Auditor first = auditor(nats, List.of(archive, index), quietAlerts(), Duration.ofSeconds(5));
        await(Duration.ofSeconds(60), first::processBatch, () -> first.ackedCount() >= 300);
        first.close();
        assertThat(firstSend).isEqualTo(300);
        assertThat(outbox.pendingCount()).as("rows the relay could not mark").isEqualTo(300);
        assertThat(first.ackedCount()).isEqualTo(300);

        // when: the window passes, the relay comes back and sends every row again; another Auditor (a restart, or
        // another replica) consumes them
        letTheDuplicateWindowPass();
        int secondSend = AuditOutboxRelay.create(outbox, publisher, relayConfig).drainOnce();
        long inStream = messagesInStream();
        Auditor second = auditor(nats, List.of(archive, index), quietAlerts(), Duration.ofSeconds(5));
        await(Duration.ofSeconds(60), second::processBatch, () -> second.ackedCount() >= 300);

        // then: the stream kept both sends (its dedup could not help), the archive and the index one copy each
        assertThat(secondSend).isEqualTo(300);
        assertThat(outbox.pendingCount()).isZero();
        assertThat(inStream).as("messages in the stream after the second send").isEqualTo(600);
        assertThat(second.ackedCount()).isEqualTo(300);
        List<String> archived = s3.eventIds("republish");
        assertThat(archived).as("archived events").hasSize(300).doesNotHaveDuplicates();
        assertThat(Set.copyOf(archived)).isEqualTo(ids(events));
        assertThat(search.countIn(INDEX)).as("indexed events").isEqualTo(300);
        assertThat(search.createAttempts.get()).as("the index saw both sends").isEqualTo(600);
    }

    @Test
    void should_report_auditor_throughput_for_2000_events() throws Exception {
        // given
        List<AuditRecord> events = AuditTestEvents.chain(2000);
        publish(nats, events);
        Auditor auditor =
                auditor(nats, List.of(s3Sink("throughput", 16), searchSink()), quietAlerts(), Duration.ofSeconds(30));

        // when
        long start = System.nanoTime();
        await(Duration.ofSeconds(120), auditor::processBatch, () -> auditor.ackedCount() >= events.size());
        double seconds = (System.nanoTime() - start) / 1e9;

        // then
        System.out.printf(
                "auditor throughput (s3proxy + search contract): %d events in %.2f s = %.0f events/s%n",
                events.size(), seconds, events.size() / seconds);
        assertThat(auditor.ackedCount()).isEqualTo(2000);
        assertThat(s3.eventIds("throughput")).hasSize(2000).doesNotHaveDuplicates();
        assertThat(search.countIn(INDEX)).isEqualTo(2000);
    }

    private static ConsumerInfo consumer(NatsAuditConfig n) throws Exception {
        try (Connection nc = Nats.connect(n.url())) {
            return nc.jetStreamManagement().getConsumerInfo(n.stream(), AuditorConfig.DEFAULT_DURABLE);
        }
    }

    @SuppressWarnings("unused")
    private static String json(AuditRecord r) {
        return AuditEvents.toJson(r);
    }
}
