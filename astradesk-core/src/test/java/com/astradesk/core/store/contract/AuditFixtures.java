package com.astradesk.core.store.contract;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Records for contract tests. */
public final class AuditFixtures {
    private AuditFixtures() {}

    /** A fresh (unchained) audit record of {@code runId}. */
    public static AuditRecord audit(String runId, String action) {
        return AuditRecord.builder()
                .withTs(Instant.parse("2026-11-26T10:15:30.123456789Z"))
                .withActor("alice")
                .withTenant("acme")
                .withAction(action)
                .withDecision(AuditDecision.ALLOWED)
                .withTool("get_metrics")
                .withSideEffect("read")
                .withArgs(Map.of(
                        "service",
                        "payments-api",
                        "window",
                        "15m",
                        "nested",
                        Map.of("n", 3, "ratio", 0.5),
                        "list",
                        List.of("a", "ż"),
                        "emoji",
                        "🚀"))
                .withRequestId("req-" + runId)
                .withRunId(runId)
                .build();
    }

    /** A dialogue of {@code runId} by {@code actor}, created at {@code createdAt} (microsecond precision). */
    public static DialogueRecord dialogue(String runId, String actor, Instant createdAt) {
        return new DialogueRecord(
                runId,
                "support",
                actor,
                "Jak zresetować hasło do VPN? <b>$HOME</b> 🙂",
                "See the VPN runbook.",
                Map.of("request_id", "req-1", "used_tools", List.of("create_ticket"), "degraded", false),
                createdAt.truncatedTo(ChronoUnit.MICROS));
    }

    /** A unique id for a test. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }
}
