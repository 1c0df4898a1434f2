package com.astradesk.benchmarks.audit;

import com.astradesk.core.store.nats.NatsAuditConfig;
import com.astradesk.core.store.postgres.PostgresConfig;
import com.astradesk.server.auditor.AuditRelayProcess;

/**
 * The API server's audit relay alone, in its own process, so that {@code AuditPipelineMeasurement --kill} can
 * SIGKILL it mid-batch: wired exactly as the server wires it ({@link AuditRelayProcess#start}), with the scratch
 * stream. Arguments: database URL, NATS URL, stream, subject, dead-letter subject. Runs until killed.
 */
public final class RelayChild {
    private RelayChild() {}

    public static void main(String[] args) throws InterruptedException {
        PostgresConfig db = PostgresConfig.of(args[0]).withMigrateOnStart(false);
        NatsAuditConfig nats = NatsAuditConfig.defaults(args[1]).withStream(args[2], args[3], args[4]);
        AuditRelayProcess relay = AuditRelayProcess.start(db, nats);
        System.out.println("relay started");
        Thread.currentThread().join();
        relay.close();
    }
}
