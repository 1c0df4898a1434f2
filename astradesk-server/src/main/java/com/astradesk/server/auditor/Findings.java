package com.astradesk.server.auditor;

import java.util.ArrayList;
import java.util.List;

/** Collects findings: keeps the first {@link VerificationResult#MAX_FINDINGS}, counts all. Not thread-safe. */
final class Findings {
    private final List<VerificationResult.Finding> kept = new ArrayList<>();
    private long count;

    void add(long index, String eventId, String location, String problem) {
        count++;
        if (kept.size() < VerificationResult.MAX_FINDINGS) {
            kept.add(new VerificationResult.Finding(index, eventId, location, problem));
        }
    }

    VerificationResult result(String source, long checked) {
        return new VerificationResult(source, checked, kept, count);
    }
}
