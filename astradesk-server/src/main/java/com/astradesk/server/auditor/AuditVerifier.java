package com.astradesk.server.auditor;

import com.astradesk.core.audit.AuditEventFormatException;
import com.astradesk.core.audit.AuditEvents;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.store.postgres.AuditTableRow;
import com.astradesk.core.store.postgres.PostgresAuditChain;
import com.astradesk.core.store.postgres.PostgresConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks audit hash chains and how they are stored: a list in chain order, the {@code audits} table (by row id)
 * or the S3 archive, whose objects carry no order and are put back into chain order by following
 * {@code prev_hash} links before the check. Every record is checked for its hash, its link to the record before
 * it, stored text its hash does not cover, and storage that disagrees with it (the table's indexed columns, the
 * archive's object keys); Postgres and the archive are also checked against each other. Names every record found
 * wrong (see {@link VerificationResult}). Thread-safe (stateless).
 */
public final class AuditVerifier {
    private static final String POSTGRES = "postgres";

    private AuditVerifier() {}

    /** Checks records given in chain order, the first record's {@code prev_hash} taken as given. */
    public static VerificationResult verify(String source, List<AuditRecord> chainOrder) {
        ChainChecker checker = new ChainChecker(source, false);
        for (int i = 0; i < chainOrder.size(); i++) {
            checker.accept(chainOrder.get(i), "position " + i, List.of());
        }
        return checker.result();
    }

    /**
     * Checks the chain in table {@code audits} (row order) from its first record, streaming, in constant
     * memory: each row's payload must hold exactly what its hash covers, its indexed columns must agree with
     * the payload, its hash must match and its {@code prev_hash} must point at the row before.
     *
     * @throws com.astradesk.core.StoreException when the database cannot be read
     */
    public static VerificationResult verifyPostgres(PostgresConfig config) {
        ChainChecker checker = new ChainChecker(POSTGRES, true);
        try (PostgresAuditChain chain = PostgresAuditChain.open(config)) {
            chain.forEachRow(row -> checkRow(checker, row));
        }
        return checker.result();
    }

    /**
     * Checks every event archived in S3 under the configured prefix (optionally only keys under
     * {@code dayPrefix}, e.g. {@code 2026/11}), in both layouts (one event per {@code .json} object, one per line
     * of an {@code .ndjson} object): hashes, links, text the hash does not cover, object keys that disagree with
     * their event, differing copies of one event, unreadable objects. Without a day prefix the archive must
     * start at the chain's first record; a slice's first {@code prev_hash} is taken as given.
     */
    public static VerificationResult verifyArchive(S3ArchiveSink archive, String dayPrefix) {
        return checkArchive(sourceOf(archive), ArchiveContents.read(archive, dayPrefix), dayPrefix.isBlank());
    }

    /**
     * {@link #verifyPostgres} and {@link #verifyArchive}, plus a third result checking them against each other:
     * every archived event must be in the table with the same hash. This catches what neither chain shows on
     * its own: the newest rows deleted from the table, or the last row rewritten with a recomputed hash.
     *
     * @return the Postgres result, the archive result, and the cross-check, in that order
     */
    public static List<VerificationResult> verifyPostgresAndArchive(
            PostgresConfig config, S3ArchiveSink archive, String dayPrefix) {
        String archiveSource = sourceOf(archive);
        ArchiveContents archived = ArchiveContents.read(archive, dayPrefix);
        VerificationResult archiveResult = checkArchive(archiveSource, archived, dayPrefix.isBlank());
        Map<String, ArchiveContents.Entry> notSeen = new LinkedHashMap<>();
        archived.entries().forEach(e -> notSeen.put(e.record().eventId(), e));
        Findings cross = new Findings();
        ChainChecker checker = new ChainChecker(POSTGRES, true);
        try (PostgresAuditChain chain = PostgresAuditChain.open(config)) {
            chain.forEachRow(row -> {
                Optional<AuditRecord> record = checkRow(checker, row);
                String eventId = record.map(AuditRecord::eventId).orElse(row.eventId());
                String hash = record.flatMap(AuditRecord::hash).orElse(row.hash());
                ArchiveContents.Entry copy = notSeen.remove(eventId);
                if (copy != null && !copy.record().hash().orElse("").equals(hash)) {
                    cross.add(
                            -1,
                            eventId,
                            rowLocation(row),
                            "its hash " + hash + " differs from the archived copy's "
                                    + copy.record().hash().orElse("null") + " (" + copy.location() + ")");
                }
            });
        }
        notSeen.values()
                .forEach(e -> cross.add(
                        -1,
                        e.record().eventId(),
                        e.location(),
                        "it is archived but has no row in postgres (deleted, or lost in a restore)"));
        return List.of(
                checker.result(),
                archiveResult,
                cross.result(
                        POSTGRES + " vs " + archiveSource, archived.entries().size()));
    }

    /** Checks one row; returns the record read from its payload, empty when the payload is no event. */
    private static Optional<AuditRecord> checkRow(ChainChecker checker, AuditTableRow row) {
        String location = rowLocation(row);
        List<String> problems = new ArrayList<>();
        AuditRecord record;
        try {
            record = AuditEvents.fromStoredJson(row.payload());
        } catch (AuditEventFormatException strict) {
            try {
                record = AuditEvents.fromJson(row.payload());
                problems.add("payload: " + strict.getMessage());
            } catch (AuditEventFormatException e) {
                checker.acceptUnreadable(
                        row.eventId(),
                        location,
                        Optional.of(row.hash()),
                        "its payload is not a valid audit event: " + e.getMessage());
                return Optional.empty();
            }
        }
        problems.addAll(row.disagreementsWith(record));
        checker.accept(record, location, problems);
        return Optional.of(record);
    }

    private static String rowLocation(AuditTableRow row) {
        return "row id " + row.id();
    }

    private static VerificationResult checkArchive(String source, ArchiveContents archived, boolean fromStart) {
        ChainChecker checker = new ChainChecker(source, fromStart);
        archived.unplaced().forEach(u -> checker.reportUnplaced(u.eventId(), u.location(), u.problem()));
        Map<String, ArchiveContents.Entry> byEventId = new HashMap<>();
        archived.entries().forEach(e -> byEventId.put(e.record().eventId(), e));
        for (AuditRecord r : chainOrder(
                byEventId.values().stream().map(ArchiveContents.Entry::record).toList())) {
            ArchiveContents.Entry e = byEventId.get(r.eventId());
            checker.accept(r, e.location(), e.problems());
        }
        return checker.result();
    }

    private static String sourceOf(S3ArchiveSink archive) {
        return "s3://" + archive.config().bucket() + "/" + archive.config().prefix();
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
