package com.astradesk.server.auditor;

import java.util.Optional;

/**
 * The outcome of checking an audit chain. Immutable and thread-safe.
 *
 * @param source        what was checked ({@code postgres}, {@code s3://bucket/prefix})
 * @param checked       how many records were checked
 * @param brokenEventId the event id of the first record whose hash or link is wrong, if any
 * @param brokenIndex   its position in chain order
 * @param detail        why it is broken (or {@code "chain intact"})
 */
public record VerificationResult(
        String source, long checked, Optional<String> brokenEventId, long brokenIndex, String detail) {

    /** Whether the whole chain holds. */
    public boolean intact() {
        return brokenEventId.isEmpty();
    }

    /** One line for the CLI. */
    public String describe() {
        return intact()
                ? source + ": " + checked + " records, chain intact"
                : source + ": " + checked + " records, first broken link at #" + brokenIndex + " event "
                        + brokenEventId.get() + " (" + detail + ")";
    }
}
