package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditEventFormatException;
import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The events of the S3 archive as read for {@code audit verify}, in both layouts, with what is wrong with how
 * each is stored: text the hash does not cover, an object key that does not match the event (an event moved to
 * another day, or a per-event object not named after its event), a second copy that differs from the first,
 * text that is no event at all. Immutable once read.
 */
final class ArchiveContents {
    /** One archived event: its record, where it is, and what is wrong with its storage. */
    record Entry(AuditRecord record, String location, List<String> problems) {}

    /** Something stored that has no place in the chain (unreadable, or a differing second copy). */
    record Unplaced(String eventId, String location, String problem) {}

    private final Map<String, Entry> byEventId = new LinkedHashMap<>();
    private final List<Unplaced> unplaced = new ArrayList<>();

    private ArchiveContents() {}

    /** Reads every event object under the archive's prefix (and {@code dayPrefix}, when not blank). */
    static ArchiveContents read(S3ArchiveSink archive, String dayPrefix) {
        ArchiveContents contents = new ArchiveContents();
        List<String> keys = new ArrayList<>();
        archive.listKeys(dayPrefix, keys::add);
        for (String key : keys) {
            String body = archive.read(key);
            if (key.endsWith(".ndjson")) {
                String[] lines = body.split("\n");
                for (int line = 0; line < lines.length; line++) {
                    if (!lines[line].isBlank()) {
                        contents.add(archive.config(), key, "line " + (line + 1) + " of " + key, lines[line]);
                    }
                }
            } else {
                contents.add(archive.config(), key, "object " + key, body);
            }
        }
        return contents;
    }

    /** The readable events, one per event id, in the order read. */
    List<Entry> entries() {
        return List.copyOf(byEventId.values());
    }

    /** What could not be placed in the chain. */
    List<Unplaced> unplaced() {
        return List.copyOf(unplaced);
    }

    private void add(S3ArchiveConfig config, String key, String location, String text) {
        List<String> problems = new ArrayList<>();
        AuditRecord record;
        try {
            record = AuditEvents.fromStoredJson(text);
        } catch (AuditEventFormatException strict) {
            try {
                record = AuditEvents.fromJson(text);
                problems.add(strict.getMessage());
            } catch (AuditEventFormatException e) {
                unplaced.add(new Unplaced(eventIdFromKey(key), location, "not a valid audit event: " + e.getMessage()));
                return;
            }
        }
        keyProblem(config, key, new AuditEvent(record, text)).ifPresent(problems::add);
        Entry first = byEventId.get(record.eventId());
        if (first == null) {
            byEventId.put(record.eventId(), new Entry(record, location, List.copyOf(problems)));
        } else if (!first.record().equals(record)) {
            unplaced.add(new Unplaced(
                    record.eventId(),
                    location,
                    "a second archived copy of this event differs from the one in " + first.location()));
        }
    }

    /** Whether the key says what the event says: its day partition, and its own name in the per-event layout. */
    private static Optional<String> keyProblem(S3ArchiveConfig config, String key, AuditEvent event) {
        if (key.endsWith(".json")) {
            String expected = config.keyOf(event);
            return key.equals(expected)
                    ? Optional.empty()
                    : Optional.of("its object key does not match its content (expected " + expected + ")");
        }
        String folder = key.substring(0, key.lastIndexOf('/') + 1);
        String expected = config.dayPrefix(event.dayPath());
        return folder.equals(expected)
                ? Optional.empty()
                : Optional.of("it is stored under " + folder + " but its ts "
                        + event.record().ts() + " belongs under " + expected);
    }

    private static String eventIdFromKey(String key) {
        return key.endsWith(".json") ? key.substring(key.lastIndexOf('/') + 1, key.length() - ".json".length()) : "?";
    }
}
