package com.astradesk.server.auditor;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of checking an audit chain: every record found altered, removed, moved or not covered by its
 * hash, in the order found. Immutable and thread-safe.
 *
 * @param source       what was checked ({@code postgres}, {@code s3://bucket/prefix})
 * @param checked      how many records were checked
 * @param findings     what is wrong, in the order found (at most {@link #MAX_FINDINGS} kept)
 * @param findingCount how many findings there were in all
 */
public record VerificationResult(String source, long checked, List<Finding> findings, long findingCount) {
    /** How many findings a result keeps (all are counted). */
    public static final int MAX_FINDINGS = 100;

    public VerificationResult {
        Objects.requireNonNull(source, "source");
        findings = List.copyOf(findings);
        if (findingCount < findings.size()) {
            throw new IllegalArgumentException(
                    "findingCount " + findingCount + " is less than the " + findings.size() + " findings kept");
        }
    }

    /**
     * One thing wrong with one stored record.
     *
     * @param index    the record's position in chain order, or -1 when it could not be placed in the chain
     * @param eventId  the record's event id ({@code ?} when not even that could be read)
     * @param location where it is stored: {@code row id 17}, {@code s3 object <key>}, {@code line 3 of <key>}
     * @param problem  what is wrong, in words
     */
    public record Finding(long index, String eventId, String location, String problem) {
        public Finding {
            Objects.requireNonNull(eventId, "eventId");
            Objects.requireNonNull(location, "location");
            Objects.requireNonNull(problem, "problem");
        }

        /** One line: position, event, location and problem. */
        public String describe() {
            return (index >= 0 ? "#" + index + " " : "") + "event " + eventId + " (" + location + "): " + problem;
        }
    }

    /** Whether the whole chain holds. */
    public boolean intact() {
        return findingCount == 0;
    }

    /** The event id of the first finding, if any. */
    public Optional<String> brokenEventId() {
        return findings.isEmpty()
                ? Optional.empty()
                : Optional.of(findings.get(0).eventId());
    }

    /** The chain position of the first finding, or -1. */
    public long brokenIndex() {
        return findings.isEmpty() ? -1 : findings.get(0).index();
    }

    /** What the first finding is, or {@code "chain intact"}. */
    public String detail() {
        return findings.isEmpty() ? "chain intact" : findings.get(0).problem();
    }

    /** For the CLI: one summary line, then one line per finding kept. */
    public String describe() {
        if (intact()) {
            return source + ": " + checked + " records, chain intact";
        }
        Finding first = findings.get(0);
        StringBuilder sb = new StringBuilder(source)
                .append(": ")
                .append(checked)
                .append(" records, ")
                .append(findingCount)
                .append(findingCount == 1 ? " problem" : " problems")
                .append(", first broken link at ")
                .append(first.index() >= 0 ? "#" + first.index() + " " : "")
                .append("event ")
                .append(first.eventId())
                .append(" (")
                .append(first.problem())
                .append(")");
        for (Finding f : findings) {
            sb.append(System.lineSeparator()).append("  ").append(f.describe());
        }
        if (findingCount > findings.size()) {
            sb.append(System.lineSeparator())
                    .append("  ... and ")
                    .append(findingCount - findings.size())
                    .append(" more");
        }
        return sb.toString();
    }
}
