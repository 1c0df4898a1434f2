package com.astradesk.core.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.json.Json;
import com.astradesk.core.json.internal.JsonMappers;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The field-by-field canonical text against the way the chain was hashed before it ({@code Json.canonical} of the
 * wire map without {@code hash}, on a record chained with an empty hash first), on random records: the same bytes,
 * so every stored chain still verifies.
 */
class CanonicalAuditJsonTest {
    private static final ObjectMapper READER = new ObjectMapper();

    @Test
    void should_write_the_same_text_as_the_canonical_wire_map_on_random_records() {
        Random random = new Random(20261208);
        for (int i = 0; i < 5_000; i++) {
            // given
            AuditRecord record = randomRecord(random);
            Optional<String> prev = random.nextInt(4) == 0 ? Optional.empty() : Optional.of(hex(random));

            // when
            String text = CanonicalAuditJson.hashedText(record, prev);

            // then
            assertThat(text).as("record %d: %s", i, record).isEqualTo(previousHashedText(record, prev));
        }
    }

    @Test
    void should_link_records_exactly_as_the_previous_implementation() {
        Random random = new Random(7);
        Optional<String> prevNew = Optional.empty();
        Optional<String> prevOld = Optional.empty();
        for (int i = 0; i < 2_000; i++) {
            // given
            AuditRecord record = randomRecord(random);

            // when
            AuditRecord linked = AuditChain.link(prevNew, record);
            AuditRecord expected = previousLink(prevOld, record);

            // then
            assertThat(linked).isEqualTo(expected);
            assertThat(AuditChain.firstBrokenLink(List.of(linked))).isEmpty();
            prevNew = linked.hash();
            prevOld = expected.hash();
        }
    }

    @Test
    void should_store_the_same_json_value_as_the_wire_map_with_its_hash() throws Exception {
        Random random = new Random(99);
        List<AuditRecord> records = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            records.add(randomRecord(random));
        }

        List<CanonicalAuditJson.Linked> chain = CanonicalAuditJson.linkAll(Optional.of(hex(random)), records);

        int plain = 0;
        for (CanonicalAuditJson.Linked linked : chain) {
            StringBuilder out = new StringBuilder();
            linked.appendWireValue(out);
            String previous = Json.write(AuditChain.toWire(linked.record()));
            if (JsonMappers.isPlain(linked.record().args(), 1)) {
                plain++;
            } else {
                assertThat(out.toString()).isEqualTo(previous);
            }
            // the same JSON value (member order aside), as a jsonb column keeps it
            assertThat(READER.readTree(out.toString())).isEqualTo(READER.readTree(previous));
            assertThat(Json.readObject(out.toString()).keySet())
                    .containsExactlyInAnyOrderElementsOf(
                            AuditChain.toWire(linked.record()).keySet());
        }
        assertThat(plain).isPositive().isLessThan(chain.size());
    }

    @Test
    void should_write_records_with_arguments_that_are_not_plain_exactly_as_before() {
        record Point(int y, int x) {}
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("p", new Point(2, 1));
        args.put("f", 1.5f);
        args.put("at", Instant.parse("2026-01-01T00:00:00Z"));
        AuditRecord record = base().withArgs(args).build();

        CanonicalAuditJson.Linked linked = CanonicalAuditJson.link(Optional.empty(), record);
        StringBuilder out = new StringBuilder();
        linked.appendWireValue(out);

        assertThat(linked.hashedText()).isEqualTo(previousHashedText(record, Optional.empty()));
        assertThat(out.toString()).isEqualTo(Json.write(AuditChain.toWire(linked.record())));
    }

    // --- the previous implementation, kept as the reference ---

    private static String previousHashedText(AuditRecord record, Optional<String> prev) {
        Map<String, Object> wire = AuditChain.toWire(record.chained(prev, ""));
        wire.remove("hash");
        return Json.canonical(wire);
    }

    private static AuditRecord previousLink(Optional<String> prev, AuditRecord record) {
        try {
            String text = previousHashedText(record, prev);
            String hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
            return record.chained(prev, hash);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // --- random records ---

    private static AuditRecord.Builder base() {
        return AuditRecord.builder()
                .withTs(Instant.parse("2026-12-08T03:00:00Z"))
                .withActor("alice")
                .withAction("tool_call")
                .withDecision(AuditDecision.ALLOWED);
    }

    private static AuditRecord randomRecord(Random random) {
        AuditDecision[] decisions = AuditDecision.values();
        AuditRecord.Builder b = AuditRecord.builder()
                .withEventId(
                        random.nextInt(10) == 0
                                ? text(random)
                                : UUID.randomUUID().toString())
                .withTs(Instant.ofEpochSecond(
                        1_700_000_000L + random.nextInt(100_000_000), random.nextInt(1_000_000_000)))
                .withActor(text(random))
                .withAction(random.nextBoolean() ? "tool_call" : text(random))
                .withDecision(decisions[random.nextInt(decisions.length)])
                .withArgs(randomArgs(random));
        if (random.nextBoolean()) {
            b.withTenant(text(random));
        }
        if (random.nextBoolean()) {
            b.withTool(Optional.of(text(random)));
        }
        if (random.nextBoolean()) {
            b.withSideEffect(Optional.of(random.nextBoolean() ? "read" : text(random)));
        }
        if (random.nextBoolean()) {
            b.withRequestId(text(random));
        }
        if (random.nextBoolean()) {
            b.withTraceId(text(random));
        }
        if (random.nextBoolean()) {
            b.withRunId(text(random));
        }
        return b.build();
    }

    private static Map<String, Object> randomArgs(Random random) {
        Map<String, Object> args = new LinkedHashMap<>();
        int n = random.nextInt(6);
        for (int i = 0; i < n; i++) {
            args.put(text(random), value(random, 1, random.nextInt(5) == 0));
        }
        if (random.nextInt(40) == 0) { // deeper than the one-pass check's limit
            Object deep = "leaf";
            for (int i = 0; i < 40; i++) {
                deep = Map.of("d", deep);
            }
            args.put("deep", deep);
        }
        return args;
    }

    private static Object value(Random random, int depth, boolean notPlain) {
        int kind = random.nextInt(depth > 3 ? 8 : 10) + (notPlain && random.nextBoolean() ? 10 : 0);
        return switch (kind) {
            case 0 -> null;
            case 1, 2 -> text(random);
            case 3 -> random.nextBoolean();
            case 4 -> random.nextInt();
            case 5 -> random.nextLong();
            case 6 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 7 -> BigInteger.valueOf(random.nextLong()).pow(3);
            case 8 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    m.put(text(random), value(random, depth + 1, notPlain));
                }
                yield m;
            }
            case 9 -> {
                List<Object> l = new ArrayList<>();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    l.add(value(random, depth + 1, notPlain));
                }
                yield l;
            }
            case 10 -> Instant.ofEpochMilli(random.nextLong() >>> 24);
            case 11 -> new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt(10));
            case 12 -> random.nextFloat();
            case 13 -> Optional.of(text(random));
            case 14 -> Set.of(text(random));
            case 15 -> Duration.ofMillis(random.nextInt(1_000_000));
            case 16 -> (short) random.nextInt(1000);
            case 17 -> new Pair(text(random), random.nextInt());
            default -> text(random).toCharArray().length;
        };
    }

    /** A record in the arguments: written through the tree, its properties sorted. */
    record Pair(String name, int count) {}

    private static String text(Random random) {
        String[] pieces = {
            "payments-api",
            "ż",
            "é",
            "\"",
            "\\",
            "\n",
            "\t",
            "\u0001",
            "\u001f",
            "/",
            "<",
            "\u2028",
            "😀",
            "\ud800",
            "\udc00",
            " ",
            "a",
            "Z",
            "0",
            "p99",
            "€",
            "\u00a0",
            "'"
        };
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(12);
        for (int i = 0; i < n; i++) {
            s.append(pieces[random.nextInt(pieces.length)]);
        }
        return s.toString();
    }

    private static String hex(Random random) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
