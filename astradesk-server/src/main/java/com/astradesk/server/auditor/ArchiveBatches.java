package com.astradesk.server.auditor;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The batch layout of the S3 archive ({@link S3ArchiveConfig.Layout#OBJECT_PER_BATCH}): how a batch is cut
 * into objects, their keys and bodies. Stateless.
 */
final class ArchiveBatches {
    /**
     * The largest {@linkplain AuditEvent#archiveSequence() archive-sequence} span of one object, so the object of an
     * event stored before is found nearby.
     */
    static final long MAX_SPAN = 100_000;

    private static final Pattern KEY = Pattern.compile("(\\d{20})-(\\d{20})-[^/]+\\.ndjson");

    private ArchiveBatches() {}

    /** An archive-sequence range named by an object key. */
    record Range(long first, long last) {}

    /**
     * Cuts events into objects: one per day, in archive-sequence order, split where an object would span more than
     * {@link #MAX_SPAN} sequences. An event id seen twice is kept once.
     */
    static List<List<AuditEvent>> split(List<AuditEvent> events) {
        Map<String, AuditEvent> unique = new LinkedHashMap<>();
        events.forEach(e -> unique.putIfAbsent(e.eventId(), e));
        Map<String, List<AuditEvent>> byDay = new TreeMap<>();
        for (AuditEvent e : unique.values()) {
            byDay.computeIfAbsent(e.dayPath(), d -> new ArrayList<>()).add(e);
        }
        List<List<AuditEvent>> out = new ArrayList<>();
        for (List<AuditEvent> day : byDay.values()) {
            List<AuditEvent> ordered = new ArrayList<>(day);
            ordered.sort(Comparator.comparingLong(AuditEvent::archiveSequence));
            List<AuditEvent> current = new ArrayList<>();
            for (AuditEvent e : ordered) {
                if (!current.isEmpty() && e.archiveSequence() - current.get(0).archiveSequence() >= MAX_SPAN) {
                    out.add(current);
                    current = new ArrayList<>();
                }
                current.add(e);
            }
            out.add(current);
        }
        return out;
    }

    /**
     * The key of one object: {@code prefix/yyyy/MM/dd/<first seq>-<last seq>-<first event_id>.ndjson}, the sequences
     * being {@linkplain AuditEvent#archiveSequence() archive sequences} (outbox ids, i.e. audit row ids, for relayed events).
     */
    static String keyOf(S3ArchiveConfig config, List<AuditEvent> object) {
        AuditEvent first = object.get(0);
        return config.dayPrefix(first.dayPath())
                + pad(first.archiveSequence())
                + "-"
                + pad(object.get(object.size() - 1).archiveSequence())
                + "-"
                + first.eventId()
                + ".ndjson";
    }

    /**
     * The body as UTF-8: each event's wire JSON on its own line (line breaks between tokens become spaces), encoded
     * once into one buffer.
     */
    static byte[] body(List<AuditEvent> object) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(object.size() * 700);
        try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
            for (AuditEvent e : object) {
                w.write(e.json().replace('\r', ' ').replace('\n', ' '));
                w.write('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing an archive object in memory", e);
        }
        return out.toByteArray();
    }

    /** The sequence range of a batch object's key (any prefix), empty for other keys. */
    static Optional<Range> rangeOf(String key) {
        Matcher m = KEY.matcher(key.substring(key.lastIndexOf('/') + 1));
        return m.matches()
                ? Optional.of(new Range(Long.parseLong(m.group(1)), Long.parseLong(m.group(2))))
                : Optional.empty();
    }

    /** A sequence as the 20-digit, zero-padded key component (keys then sort by sequence). */
    static String pad(long sequence) {
        return String.format("%020d", sequence);
    }
}
