package com.astradesk.server.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every {@link ReadinessCheck} concurrently with a timeout. Logs changes, not probes: a check that starts
 * failing is logged once (WARN) and once more when it answers again (INFO), however often {@code /readyz} is
 * polled; a dependency {@linkplain StillStartingException still starting} is not logged at all. Thread-safe.
 */
public final class Readiness implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Readiness.class);

    private enum State {
        UP,
        STARTING,
        DOWN
    }

    private final Map<String, State> lastState = new ConcurrentHashMap<>();
    private final List<ReadinessCheck> checks;
    private final Duration timeout;
    private final ExecutorService executor;

    public Readiness(List<ReadinessCheck> checks, Duration timeout) {
        this.checks = List.copyOf(checks);
        this.timeout = timeout;
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "readiness-check");
            t.setDaemon(true);
            return t;
        });
    }

    /** The names of the checks. */
    public List<String> names() {
        return checks.stream().map(ReadinessCheck::name).toList();
    }

    /**
     * Probes everything.
     *
     * @return check name to {@code true} (answered) or {@code false} (failed or timed out), in check order
     */
    public Map<String, Boolean> probe() {
        List<CompletableFuture<Boolean>> futures = new ArrayList<>();
        for (ReadinessCheck check : checks) {
            futures.add(CompletableFuture.supplyAsync(() -> run(check), executor)
                    .completeOnTimeout(false, timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        Map<String, Boolean> out = new LinkedHashMap<>();
        for (int i = 0; i < checks.size(); i++) {
            out.put(checks.get(i).name(), futures.get(i).join());
        }
        return out;
    }

    private boolean run(ReadinessCheck check) {
        try {
            check.probe();
            if (lastState.put(check.name(), State.UP) == State.DOWN) {
                LOG.info("readiness check '{}' passes again", check.name());
            }
            return true;
        } catch (StillStartingException e) {
            lastState.put(check.name(), State.STARTING);
            return false;
        } catch (Exception e) {
            if (lastState.put(check.name(), State.DOWN) != State.DOWN) {
                LOG.warn("readiness check '{}' failed: {}", check.name(), e.toString());
            }
            return false;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
