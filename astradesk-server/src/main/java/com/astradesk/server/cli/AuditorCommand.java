package com.astradesk.server.cli;

import com.astradesk.server.auditor.AuditorProcess;
import com.astradesk.server.auditor.AuditorSettings;
import com.astradesk.server.config.LoggingConfig;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code auditor}: consumes the audit stream durably and writes every event to S3 and the search index, raising
 * alerts; runs until stopped (its own Deployment). Settings from the environment (see docs/AUDIT_EVENTS.md).
 */
@Command(
        name = "auditor",
        mixinStandardHelpOptions = true,
        description = "Run the Auditor: JetStream audit events -> S3 archive + search index + alerts.")
public final class AuditorCommand implements Callable<Integer> {
    @ParentCommand
    private AstraDeskCommand parent;

    @Override
    public Integer call() throws InterruptedException {
        AuditorSettings settings = AuditorSettings.fromEnv(parent.env());
        String level = parent.env().getOrDefault("LOG_LEVEL", "INFO");
        try {
            LoggingSetup.apply(new LoggingConfig(level));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("LOG_LEVEL: " + e.getMessage());
        }
        try (AuditorProcess process = AuditorProcess.start(settings)) {
            process.awaitShutdown();
        }
        return 0;
    }
}
