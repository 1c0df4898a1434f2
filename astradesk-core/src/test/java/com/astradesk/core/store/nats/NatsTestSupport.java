package com.astradesk.core.store.nats;

import io.nats.client.Connection;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamSubscription;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.PullSubscribeOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Helpers for JetStream tests: unique stream names, reading back a stream, cleaning up. */
public final class NatsTestSupport {
    /** The shared JetStream server started by the machine. */
    public static final String SHARED_URL = "nats://127.0.0.1:4222";

    private NatsTestSupport() {}

    /** A config on a stream and subjects no other test run uses. */
    public static NatsAuditConfig uniqueConfig(String url) {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        return NatsAuditConfig.defaults(url)
                .withStream("AUDIT_TEST_" + tag, "test." + tag + ".audit", "test." + tag + ".audit.dlq");
    }

    /** Every payload currently stored on {@code subject} (read with an ephemeral pull consumer). */
    public static List<String> readAll(String url, String subject) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection nc = Nats.connect(url)) {
            JetStreamSubscription sub = nc.jetStream()
                    .subscribe(subject, PullSubscribeOptions.builder().build());
            while (true) {
                List<Message> batch = sub.fetch(1000, Duration.ofMillis(500));
                if (batch.isEmpty()) {
                    return out;
                }
                for (Message m : batch) {
                    out.add(new String(m.getData(), java.nio.charset.StandardCharsets.UTF_8));
                    m.ack();
                }
            }
        }
    }

    /** Deletes the test stream if it exists. */
    public static void deleteStream(String url, NatsAuditConfig config) {
        try (Connection nc = Nats.connect(url)) {
            nc.jetStreamManagement().deleteStream(config.stream());
        } catch (IOException | JetStreamApiException | InterruptedException ignored) {
            // already gone or server away: nothing to clean up
        }
    }
}
