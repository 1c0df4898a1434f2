package com.astradesk.benchmarks.audit;

import com.astradesk.core.store.nats.NatsAuditConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code auditor} process's environment for one measured round: scratch stream, both stand-in sinks. */
public final class PipelineEnv {
    /** Tuning variables of the {@code auditor} process passed through from the measurement's environment. */
    public static final List<String> PASSED_THROUGH = List.of(
            "AUDITOR_BATCH_SIZE",
            "AUDITOR_WORKERS",
            "AUDITOR_ACK_WAIT_SECONDS",
            "S3_CONCURRENCY",
            "S3_CONDITIONAL_PUT",
            "ES_TIMEOUT_SECONDS");

    /** The scratch bucket. */
    public static final String BUCKET = "audit-bench";

    private PipelineEnv() {}

    /**
     * The variables {@code AuditorSettings.fromEnv} reads; alert rules off (a file with no rules and the log
     * channel off), written to {@code rulesFile}.
     */
    public static Map<String, String> auditor(
            NatsAuditConfig nats, LocalS3Server s3, BulkIndexServer index, Path rulesFile) throws IOException {
        Files.writeString(rulesFile, "{\"channels\":{\"log\":false},\"rules\":[]}");
        Map<String, String> env = new HashMap<>();
        env.put("NATS_URL", nats.url());
        env.put("AUDIT_STREAM", nats.stream());
        env.put("AUDIT_SUBJECT", nats.subject());
        env.put("AUDIT_DLQ_SUBJECT", nats.dlqSubject());
        env.put("S3_BUCKET", BUCKET);
        env.put("S3_ENDPOINT", s3.endpoint().toString());
        env.put("S3_ACCESS_KEY_ID", LocalS3Server.ACCESS);
        env.put("S3_SECRET_ACCESS_KEY", LocalS3Server.SECRET);
        env.put("ES_URL", index.url().toString());
        env.put("PORT", "0");
        env.put("AUDIT_ALERT_RULES_FILE", rulesFile.toString());
        for (String name : PASSED_THROUGH) {
            String v = System.getenv(name);
            if (v != null) {
                env.put(name, v);
            }
        }
        return env;
    }
}
