package com.astradesk.core.audit.internal;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.json.Json;
import com.astradesk.core.json.internal.JsonMappers;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The text the audit chain hashes — {@link AuditChain#toWire} without {@code hash}, as {@link Json#canonical} writes
 * it — written field by field in its sorted order, without the wire map, its sorted copy or a chained copy of the
 * record per link. The bytes are the same as {@code Json.canonical(toWire(record) minus hash)}
 * ({@code CanonicalAuditJsonTest} compares them on random records). Thread-safe.
 */
public final class CanonicalAuditJson {
    private static final JsonMapper CANONICAL = JsonMappers.canonical();
    private static final HexFormat HEX = HexFormat.of();
    private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    });

    private CanonicalAuditJson() {}

    /** The canonical JSON of {@code record}'s wire form without {@code hash}, with {@code prev_hash} = {@code previousHash}. */
    public static String hashedText(AuditRecord record, Optional<String> previousHash) {
        BufferRecycler recycler = CANONICAL.getFactory()._getBufferRecycler();
        try (SegmentedStringWriter out = new SegmentedStringWriter(recycler)) {
            try (JsonGenerator g = CANONICAL.createGenerator(out)) {
                // the members of AuditChain.toWire in key order (Json.canonical sorts them so)
                g.writeStartObject();
                g.writeStringField("action", record.action());
                g.writeStringField("actor", record.actor());
                g.writeFieldName("args");
                if (JsonMappers.isPlain(record.args(), 1)) {
                    writePlain(g, record.args());
                } else {
                    JsonMappers.writeCanonical(g, record.args(), 1);
                }
                g.writeStringField("decision", record.decision().wireName());
                g.writeStringField("event_id", record.eventId());
                g.writeStringField("prev_hash", previousHash.orElse(null));
                g.writeStringField("request_id", record.requestId().orElse(null));
                g.writeStringField("run_id", record.runId().orElse(null));
                g.writeNumberField("schema_version", 1);
                g.writeStringField("side_effect", record.sideEffect().orElse(null));
                g.writeStringField("tenant", record.tenant().orElse(null));
                g.writeStringField("tool", record.tool().orElse(null));
                g.writeStringField("trace_id", record.traceId().orElse(null));
                g.writeStringField("ts", record.ts().toString());
                g.writeEndObject();
            }
            return out.getAndClear();
        } catch (IOException e) {
            throw new IllegalArgumentException("audit record cannot be written as JSON: " + e.getMessage(), e);
        } finally {
            recycler.releaseToPool();
        }
    }

    /**
     * A plain value ({@link JsonMappers#isPlain}) as the canonical mapper writes it — map members sorted by key, the
     * same generator calls as Jackson's serializers make — without a serializer context or a sorted copy per map.
     */
    private static void writePlain(JsonGenerator g, Object value) throws IOException {
        if (value == null) {
            g.writeNull();
        } else if (value instanceof String s) {
            g.writeString(s);
        } else if (value instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (value instanceof Integer i) {
            g.writeNumber(i.intValue());
        } else if (value instanceof Long l) {
            g.writeNumber(l.longValue());
        } else if (value instanceof Double d) {
            g.writeNumber(d.doubleValue());
        } else if (value instanceof BigInteger b) {
            g.writeNumber(b);
        } else if (value instanceof Map<?, ?> map) {
            String[] keys = map.keySet().toArray(new String[0]);
            Arrays.sort(keys);
            g.writeStartObject();
            for (String key : keys) {
                g.writeFieldName(key);
                writePlain(g, map.get(key));
            }
            g.writeEndObject();
        } else if (value instanceof List<?> list) {
            g.writeStartArray();
            for (Object item : list) {
                writePlain(g, item);
            }
            g.writeEndArray();
        } else {
            throw new IllegalArgumentException(
                    "not a plain value: " + value.getClass().getName());
        }
    }

    /** SHA-256 of the text's UTF-8 bytes, in lower-case hex. */
    public static String sha256Hex(String text) {
        return HEX.formatHex(SHA_256.get().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** {@code record} chained after {@code previousHash}, with the text its hash covers. */
    public static Linked link(Optional<String> previousHash, AuditRecord record) {
        String hashed = hashedText(record, previousHash);
        String hash = sha256Hex(hashed);
        return new Linked(record.chained(previousHash, hash), hashed, hash);
    }

    /** Links records in order, starting after {@code previousHash} (as {@link AuditChain#linkAll}). */
    public static List<Linked> linkAll(Optional<String> previousHash, List<AuditRecord> records) {
        List<Linked> out = new ArrayList<>(records.size());
        Optional<String> prev = previousHash;
        for (AuditRecord r : records) {
            Linked linked = link(prev, r);
            out.add(linked);
            prev = linked.record().hash();
        }
        return out;
    }

    /**
     * A chained record and the canonical text its hash covers.
     *
     * @param record     the record with {@code prev_hash} and {@code hash}
     * @param hashedText {@link #hashedText} of it
     * @param hash       its hash
     */
    public record Linked(AuditRecord record, String hashedText, String hash) {
        /**
         * Appends the record's wire form ({@link AuditChain#toWire}, {@code hash} included) as a JSON object, for
         * a store that keeps it as a JSON <em>value</em> (PostgreSQL {@code jsonb}), where the order of members does
         * not count: when the arguments are plain values it is the hashed text with {@code hash} added as the last
         * member, the same value as {@code Json.write(toWire(record))} with the members in another order, without
         * writing the record a second time; otherwise exactly {@code Json.write(toWire(record))}.
         */
        public void appendWireValue(StringBuilder out) {
            if (JsonMappers.isPlain(record.args(), 1)) {
                out.append(hashedText, 0, hashedText.length() - 1)
                        .append(",\"hash\":\"")
                        .append(hash)
                        .append("\"}");
            } else {
                out.append(Json.write(AuditChain.toWire(record)));
            }
        }
    }
}
