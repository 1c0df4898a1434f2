package com.astradesk.server.cli;

import com.astradesk.server.config.LoggingConfig;
import com.astradesk.server.config.ObservabilityConfig;
import com.astradesk.server.observability.AsyncLogging;
import com.astradesk.server.observability.JsonLogging;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * What {@code serve} and {@code gateway} do alike: set up logging, start the server, then wait until the JVM's
 * shutdown hook has stopped it and flushed the log. Stateless.
 */
final class ServingProcess {
    private ServingProcess() {}

    /**
     * Runs a server until the process is stopped.
     *
     * @param start    wires and starts the server; returns how to stop it
     * @param hookName the shutdown hook thread's name
     * @return the exit code, 0
     */
    static int run(
            LoggingConfig logging, ObservabilityConfig.LogFormat format, Supplier<Runnable> start, String hookName)
            throws InterruptedException {
        LoggingSetup.apply(logging);
        JsonLogging.apply(format);
        AsyncLogging.apply();
        Runnable stop = start.get();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            stop.run();
                            AsyncLogging.flush();
                            stopped.countDown();
                        },
                        hookName));
        stopped.await();
        return 0;
    }
}
