package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditChain;
import com.astradesk.core.audit.AuditEventFormatException;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.store.postgres.PostgresAuditChain;
import com.astradesk.core.store.postgres.PostgresConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Checks audit hash chains: a list in chain order, the {@code audits} table (by row id) or the S3 archive, whose
 * objects carry no order and are put back into chain order by following {@code prev_hash} links before the
 * check. Names the first broken link. Thread-safe (stateless).
 */
public final class AuditVerifier {
    private AuditVerifier() {}

    /** Checks records given in chain order. */
    public static VerificationResult verify(String source, List<AuditRecord> chainOrder) {
        OptionalInt broken = AuditChain.firstBrokenLink(chainOrder);
        if (broken.isEmpty()) {
            return new VerificationResult(source, chainOrder.size(), Optional.empty(), -1, "chain intact");
        }
        int i = broken.getAsInt();
        AuditRecord r = chainOrder.get(i);
        String expectedPrev = i == 0
                ? r.prevHash().orElse("none")
                : chainOrder.get(i - 1).hash().orElse("none");
        String detail = r.prevHash().orElse("none").equals(expectedPrev)
                ? "its hash does not match its content"
                : "its prev_hash does not match the previous record's hash (a record was removed, reordered or"
                        + " rewritten)";
        return new VerificationResult(source, chainOrder.size(), Optional.of(r.eventId()), i, detail);
    }

    /**
     * Checks the chain in table {@code audits} (row order), streaming, in constant memory. A row whose payload
     * is not a valid event is reported as the broken link.
     *
     * @throws com.astradesk.core.store.StoreException when the database cannot be read
     */
    public static VerificationResult verifyPostgres(PostgresConfig config) {
        ChainChecker checker = new ChainChecker("postgres");
        try (PostgresAuditChain chain = PostgresAuditChain.open(config)) {
            chain.forEachInOrder(checker::accept);
        } catch (AuditEventFormatException e) {
            VerificationResult sofar = checker.result();
            return new VerificationResult(
                    "postgres",
                    sofar.checked() + 1,
                    Optional.of("(unreadable row)"),
                    sofar.checked(),
                    "row " + (sofar.checked() + 1) + " is not a valid audit event: " + e.getMessage());
        }
        return checker.result();
    }

    /**
     * Checks every event archived in S3 under the configured prefix (optionally only keys under
     * {@code dayPrefix}, e.g. {@code 2026/11}), in both layouts (one event per {@code .json} object, one per line
     * of an {@code .ndjson} object). An object or line that is not a valid event is reported as the broken
     * link.
     */
    public static VerificationResult verifyArchive(S3ArchiveSink archive, String dayPrefix) {
        String source =
                "s3://" + archive.config().bucket() + "/" + archive.config().prefix();
        List<AuditRecord> records = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        archive.listKeys(dayPrefix, keys::add);
        for (String key : keys) {
            String body = archive.read(key);
            String[] lines = key.endsWith(".ndjson") ? body.split("\n") : new String[] {body};
            for (int line = 0; line < lines.length; line++) {
                if (lines.length > 1 && lines[line].isBlank()) {
                    continue;
                }
                try {
                    records.add(AuditEvent.parse(lines[line]).record());
                } catch (AuditEventFormatException e) {
                    String id = key.substring(key.lastIndexOf('/') + 1).replaceAll("\\.n?d?json$", "");
                    String where = key.endsWith(".ndjson") ? "line " + (line + 1) + " of object " : "object ";
                    return new VerificationResult(
                            source,
                            records.size(),
                            Optional.of(id),
                            -1,
                            where + key + " is not a valid audit event: " + e.getMessage());
                }
            }
        }
        return verify(source, chainOrder(records));
    }

    /**
     * Puts unordered records into chain order: start at the record whose {@code prev_hash} matches no
     * record's hash (the earliest if several), follow the links, and when a chain ends with records left
     * (a break), continue at the earliest remaining start.
     */
    public static List<AuditRecord> chainOrder(Collection<AuditRecord> records) {
        Map<String, Deque<AuditRecord>> byPrev = new HashMap<>();
        Set<String> hashes = new HashSet<>();
        for (AuditRecord r : records) {
            r.hash().ifPresent(hashes::add);
        }
        List<AuditRecord> starts = new ArrayList<>();
        Comparator<AuditRecord> byTime = Comparator.comparing(AuditRecord::ts).thenComparing(AuditRecord::eventId);
        List<AuditRecord> sorted = records.stream().sorted(byTime).toList();
        for (AuditRecord r : sorted) {
            String prev = r.prevHash().orElse("");
            if (prev.isEmpty() || !hashes.contains(prev)) {
                starts.add(r);
            } else {
                byPrev.computeIfAbsent(prev, k -> new ArrayDeque<>()).add(r);
            }
        }
        List<AuditRecord> out = new ArrayList<>(records.size());
        Set<String> placed = new HashSet<>();
        Deque<AuditRecord> pending = new ArrayDeque<>(starts);
        while (out.size() < records.size()) {
            AuditRecord next = pending.pollFirst();
            if (next == null) {
                // a cycle or forked links: append the rest by time so the check reports them
                sorted.stream().filter(r -> !placed.contains(r.eventId())).forEach(r -> {
                    out.add(r);
                    placed.add(r.eventId());
                });
                break;
            }
            AuditRecord cur = next;
            while (cur != null && placed.add(cur.eventId())) {
                out.add(cur);
                Deque<AuditRecord> followers = cur.hash().map(byPrev::get).orElse(null);
                cur = followers == null ? null : followers.pollFirst();
                if (followers != null) {
                    pending.addAll(followers);
                    followers.clear();
                }
            }
        }
        return out;
    }
}
