package com.astradesk.core.store.postgres;

/**
 * Counters of the group-commit run journal since the stores were opened: how many transactions (batches) it
 * committed, how many runs they carried, the largest batch, and how many runs failed. Immutable.
 *
 * @param batches      committed transactions
 * @param runs         runs committed in them
 * @param largestBatch most runs committed in one transaction
 * @param failedRuns   runs whose {@code record} call threw
 */
public record RunJournalStats(long batches, long runs, int largestBatch, long failedRuns) {

    /** No batches yet. */
    public static final RunJournalStats EMPTY = new RunJournalStats(0, 0, 0, 0);

    /** Runs per committed transaction on average (0 when nothing was committed). */
    public double averageBatchSize() {
        return batches == 0 ? 0 : (double) runs / batches;
    }
}
