package com.astradesk.core.knowledge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one ingestion did, file by file. Immutable.
 *
 * @param files   one outcome per file considered, in the order processed
 * @param elapsed wall time of the ingestion
 */
public record IngestReport(List<FileOutcome> files, Duration elapsed) {

    /** What happened to one file. */
    public enum Status {
        /** Chunks were (re)written. */
        INGESTED,
        /** The indexed version has the same content hash: nothing written. */
        UNCHANGED,
        /** The file was rejected or indexing it failed; see {@link FileOutcome#error()}. */
        FAILED
    }

    /**
     * One file's outcome.
     *
     * @param source the source name the chunks are (or would be) stored under
     * @param status what happened
     * @param chunks chunks written (0 unless {@link Status#INGESTED})
     * @param error  why it failed, for {@link Status#FAILED}
     */
    public record FileOutcome(String source, Status status, int chunks, Optional<String> error) {
        public FileOutcome {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(status, "status");
            error = Objects.requireNonNullElse(error, Optional.empty());
        }
    }

    public IngestReport {
        files = List.copyOf(files);
        Objects.requireNonNull(elapsed, "elapsed");
    }

    /** Files whose chunks were written. */
    public int ingested() {
        return count(Status.INGESTED);
    }

    /** Files skipped because the indexed version is current. */
    public int unchanged() {
        return count(Status.UNCHANGED);
    }

    /** Files that failed. */
    public int failed() {
        return count(Status.FAILED);
    }

    /** Chunks written in total. */
    public int chunksWritten() {
        return files.stream().mapToInt(FileOutcome::chunks).sum();
    }

    /** The failed files with their reasons. */
    public List<FileOutcome> failures() {
        return files.stream().filter(f -> f.status() == Status.FAILED).toList();
    }

    /** This report followed by {@code other}'s files, with both durations added. */
    public IngestReport plus(IngestReport other) {
        List<FileOutcome> all = new ArrayList<>(files);
        all.addAll(other.files());
        return new IngestReport(all, elapsed.plus(other.elapsed()));
    }

    /** One line for logs and the CLI, e.g. {@code 3 ingested, 12 unchanged, 1 failed; 42 chunks written in 1.2 s}. */
    public String summary() {
        return String.format(
                java.util.Locale.ROOT,
                "%d ingested, %d unchanged, %d failed; %d chunks written in %.1f s",
                ingested(),
                unchanged(),
                failed(),
                chunksWritten(),
                elapsed.toMillis() / 1000.0);
    }

    private int count(Status status) {
        return (int) files.stream().filter(f -> f.status() == status).count();
    }
}
