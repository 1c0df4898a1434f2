package com.astradesk.server.auditor;

import io.nats.client.Message;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sends JetStream's "work in progress" ({@code +WPI}) for a batch at a fixed period until closed, which restarts
 * the server's ack wait for each message. Closing waits for a beat that is running, so no {@code +WPI} follows the
 * caller's acks. Thread-safe.
 */
final class InProgress implements AutoCloseable {
    private final List<Message> messages;
    private ScheduledFuture<?> task;
    private boolean closed;

    private InProgress(List<Message> messages) {
        this.messages = messages;
    }

    /** Starts beating for {@code messages} every {@code period} (the first beat after one period). */
    static InProgress every(ScheduledExecutorService scheduler, Duration period, List<Message> messages) {
        InProgress beat = new InProgress(List.copyOf(messages));
        long ms = Math.max(1, period.toMillis());
        beat.task = scheduler.scheduleAtFixedRate(beat::beat, ms, ms, TimeUnit.MILLISECONDS);
        return beat;
    }

    private synchronized void beat() {
        if (closed) {
            return;
        }
        for (Message m : messages) {
            if (m.isJetStream()) {
                m.inProgress();
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        task.cancel(false);
    }
}
