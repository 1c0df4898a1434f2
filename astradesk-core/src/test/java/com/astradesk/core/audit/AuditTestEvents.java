package com.astradesk.core.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Builds realistic audit records for tests. */
public final class AuditTestEvents {
    private AuditTestEvents() {}

    /** One unchained record. */
    public static AuditRecord record(
            String actor,
            String action,
            AuditDecision decision,
            Optional<String> tool,
            Optional<String> sideEffect,
            Instant ts) {
        return new AuditRecord(
                UUID.randomUUID().toString(),
                ts,
                actor,
                Optional.of("acme"),
                action,
                decision,
                tool,
                sideEffect,
                Map.of("service", "payments-api", "attempt", 1),
                Optional.of("req-" + UUID.randomUUID()),
                Optional.empty(),
                Optional.of("run-" + UUID.randomUUID()),
                Optional.empty(),
                Optional.empty());
    }

    /** {@code n} chained tool-call records, one millisecond apart. */
    public static List<AuditRecord> chain(int n) {
        List<AuditRecord> out = new ArrayList<>(n);
        Instant base = Instant.parse("2026-11-26T10:00:00Z");
        for (int i = 0; i < n; i++) {
            out.add(record(
                    "alice",
                    "get_metrics",
                    AuditDecision.ALLOWED,
                    Optional.of("get_metrics"),
                    Optional.of("read"),
                    base.plusMillis(i)));
        }
        return AuditChain.linkAll(Optional.empty(), out);
    }
}
