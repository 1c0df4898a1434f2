package com.astradesk.core.store.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.api.StreamInfo;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Idempotent setup of the audit stream: file storage, the audit and dead-letter subjects, the dedup window.
 * Thread-safe (stateless).
 */
public final class AuditStreams {
    private static final int STREAM_NOT_FOUND = 10059;
    private static final int STREAM_NAME_IN_USE = 10058;

    private AuditStreams() {}

    /** Creates the stream, or adds missing subjects / widens the dedup window of an existing one. */
    public static void ensure(JetStreamManagement jsm, NatsAuditConfig config)
            throws IOException, JetStreamApiException {
        StreamInfo info;
        try {
            info = jsm.getStreamInfo(config.stream());
        } catch (JetStreamApiException e) {
            if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
                throw e;
            }
            try {
                jsm.addStream(desired(config, List.of(config.subject(), config.dlqSubject())));
                return;
            } catch (JetStreamApiException raced) {
                if (raced.getApiErrorCode() != STREAM_NAME_IN_USE) {
                    throw raced;
                }
                info = jsm.getStreamInfo(config.stream());
            }
        }
        StreamConfiguration current = info.getConfiguration();
        Set<String> subjects = new LinkedHashSet<>(current.getSubjects());
        boolean changed = subjects.add(config.subject()) | subjects.add(config.dlqSubject());
        if (current.getDuplicateWindow() == null
                || current.getDuplicateWindow().compareTo(config.duplicateWindow()) < 0) {
            changed = true;
        }
        if (changed) {
            jsm.updateStream(StreamConfiguration.builder(current)
                    .subjects(subjects)
                    .duplicateWindow(config.duplicateWindow())
                    .build());
        }
    }

    private static StreamConfiguration desired(NatsAuditConfig config, List<String> subjects) {
        return StreamConfiguration.builder()
                .name(config.stream())
                .subjects(subjects)
                .storageType(StorageType.File)
                .duplicateWindow(config.duplicateWindow())
                .build();
    }
}
