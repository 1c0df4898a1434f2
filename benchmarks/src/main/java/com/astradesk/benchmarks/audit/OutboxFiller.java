package com.astradesk.benchmarks.audit;

import com.astradesk.core.audit.AuditDecision;
import com.astradesk.core.audit.AuditRecord;
import com.astradesk.core.memory.DialogueRecord;
import com.astradesk.core.memory.RunJournal;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.core.store.postgres.PostgresStores;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fills the {@code audits} and {@code outbox} tables exactly as the API server does: agent runs recorded through
 * the PostgreSQL {@link RunJournal} (dialogue + chained audit records + one outbox row each, group-committed),
 * each run one {@code agents.run} record and three tool-call records shaped like the tool registry's.
 */
public final class OutboxFiller {
    /** Audit records per simulated run. */
    public static final int EVENTS_PER_RUN = 4;

    private static final String[][] TOOLS = {
        {"get_metrics", "read"}, {"search_kb", "read"}, {"create_ticket", "write"}, {"get_logs", "read"}
    };

    private OutboxFiller() {}

    /**
     * Records runs until at least {@code events} records exist, from {@code threads} concurrent callers.
     *
     * @return the number of records written (a multiple of {@value #EVENTS_PER_RUN})
     */
    public static int fill(PostgresConfig config, int events, int threads) throws Exception {
        int runs = (events + EVENTS_PER_RUN - 1) / EVENTS_PER_RUN;
        AtomicInteger next = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (PostgresStores stores = PostgresStores.open(config)) {
            RunJournal journal = stores.runJournal();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    while (next.getAndIncrement() < runs) {
                        recordRun(journal);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return runs * EVENTS_PER_RUN;
    }

    private static void recordRun(RunJournal journal) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        String runId = UUID.randomUUID().toString();
        String requestId = "req-" + UUID.randomUUID();
        String actor = "user" + rnd.nextInt(500) + "@acme.example";
        String service = "svc-" + rnd.nextInt(40);
        List<AuditRecord> audits = new ArrayList<>(EVENTS_PER_RUN);
        List<Map<String, Object>> steps = new ArrayList<>();
        for (int i = 0; i < EVENTS_PER_RUN - 1; i++) {
            String[] tool = TOOLS[rnd.nextInt(TOOLS.length)];
            boolean denied = rnd.nextInt(200) == 0;
            Map<String, Object> details = new LinkedHashMap<>();
            details.put("arguments", Map.of("service", service, "window", "15m", "limit", 20));
            if (denied) {
                details.put("required_roles", List.of("sre"));
            }
            audits.add(record(
                    actor,
                    tool[0],
                    denied ? AuditDecision.DENIED : AuditDecision.ALLOWED,
                    Optional.of(tool[0]),
                    Optional.of(tool[1]),
                    details,
                    requestId,
                    runId));
            steps.add(Map.of("tool", tool[0], "status", denied ? "denied" : "ok"));
        }
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("agent", "sre");
        args.put("used_tools", steps.stream().map(s -> s.get("tool")).toList());
        args.put("steps", steps);
        args.put("degraded", false);
        audits.add(record(
                actor,
                "agents.run",
                AuditDecision.ALLOWED,
                Optional.empty(),
                Optional.empty(),
                args,
                requestId,
                runId));
        DialogueRecord dialogue = new DialogueRecord(
                runId,
                "sre",
                actor,
                "why is " + service + " slow since the last deploy?",
                "Latency of " + service + " rose after the deploy; p99 is 840 ms, error rate 0.4%.",
                Map.of("request_id", requestId),
                Instant.now());
        journal.record(dialogue, audits);
    }

    private static AuditRecord record(
            String actor,
            String action,
            AuditDecision decision,
            Optional<String> tool,
            Optional<String> sideEffect,
            Map<String, Object> args,
            String requestId,
            String runId) {
        return AuditRecord.builder()
                .withTs(Instant.now())
                .withActor(actor)
                .withTenant("acme")
                .withAction(action)
                .withDecision(decision)
                .withTool(tool)
                .withSideEffect(sideEffect)
                .withArgs(args)
                .withRequestId(requestId)
                .withTraceId(UUID.randomUUID().toString().replace("-", ""))
                .withRunId(runId)
                .build();
    }
}
