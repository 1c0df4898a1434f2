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
        return AuditRecord.builder()
                .withTs(ts)
                .withActor(actor)
                .withTenant("acme")
                .withAction(action)
                .withDecision(decision)
                .withTool(tool)
                .withSideEffect(sideEffect)
                .withArgs(Map.of("service", "payments-api", "attempt", 1))
                .withRequestId("req-" + UUID.randomUUID())
                .withRunId("run-" + UUID.randomUUID())
                .build();
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
