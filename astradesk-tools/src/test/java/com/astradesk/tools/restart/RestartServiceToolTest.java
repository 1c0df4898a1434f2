package com.astradesk.tools.restart;

import static com.astradesk.tools.testing.Calls.SRE;
import static com.astradesk.tools.testing.Calls.call;
import static com.astradesk.tools.testing.Calls.registry;
import static org.assertj.core.api.Assertions.assertThat;

import com.astradesk.core.catalog.ServiceCatalog;
import com.astradesk.core.coordination.LockHandle;
import com.astradesk.core.coordination.LockService;
import com.astradesk.core.spi.ToolProviderContext;
import com.astradesk.core.spi.ToolProviders;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.CallStatus;
import com.astradesk.core.tool.ToolFailureException;
import com.astradesk.core.tool.ToolOutcome;
import com.astradesk.core.tool.ToolRegistry;
import com.astradesk.tools.service.ServiceStateRegistry;
import com.astradesk.tools.testing.MutableClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RestartServiceToolTest {
    private final MutableClock clock = MutableClock.at("2026-11-26T10:00:00Z");
    private final LockService locks = LockService.inMemory(clock);

    /** Blocks every restart of payments-api until released; records what ran. */
    private static final class BlockingExecutor implements RestartExecutor {
        final CountDownLatch started = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger maxRunning = new AtomicInteger();
        final List<String> restarted = new CopyOnWriteArrayList<>();

        @Override
        public RestartResult restart(RestartRequest request) {
            int now = running.incrementAndGet();
            maxRunning.accumulateAndGet(now, Math::max);
            try {
                if (request.service().equals("payments-api") && restarted.isEmpty()) {
                    started.countDown();
                    release.await(10, TimeUnit.SECONDS);
                }
                restarted.add(request.service());
                return new RestartResult(
                        request.service(), "fake", false, RestartResult.Status.COMPLETED, Instant.EPOCH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ToolFailureException("restart_service", "interrupted");
            } finally {
                running.decrementAndGet();
            }
        }
    }

    private ToolRegistry registryWith(RestartExecutor executor) {
        return ToolRegistry.builder()
                .withLocks(locks)
                .withTools(ToolProviders.discoveredTools(ToolProviderContext.builder()
                        .withService(RestartExecutor.class, executor)
                        .withService(Clock.class, clock)
                        .build()))
                .build();
    }

    @Test
    void should_run_exactly_one_of_two_concurrent_restarts_of_one_service() throws Exception {
        // given
        var executor = new BlockingExecutor();
        ToolRegistry registry = registryWith(executor);
        CompletableFuture<ToolOutcome> first = CompletableFuture.supplyAsync(
                () -> registry.execute(call("restart_service", Map.of("service", "payments-api"), SRE)));
        assertThat(executor.started.await(5, TimeUnit.SECONDS)).isTrue();

        // when
        ToolOutcome second = registry.execute(call("restart_service", Map.of("service", "payments-api"), SRE));
        executor.release.countDown();
        ToolOutcome firstOutcome = first.get(5, TimeUnit.SECONDS);

        // then
        assertThat(second.status()).isEqualTo(CallStatus.ERROR);
        assertThat(second.outcome()).isEqualTo(CallOutcome.LOCKED);
        assertThat(second.error())
                .hasValue("'restart_service' for restart:payments-api is already in progress; try again later");
        assertThat(firstOutcome.status()).isEqualTo(CallStatus.OK);
        assertThat(executor.restarted).containsExactly("payments-api");
        assertThat(executor.maxRunning.get()).isEqualTo(1);
    }

    @Test
    void should_not_block_restarts_of_other_services() throws Exception {
        // given
        var executor = new BlockingExecutor();
        ToolRegistry registry = registryWith(executor);
        CompletableFuture<ToolOutcome> payments = CompletableFuture.supplyAsync(
                () -> registry.execute(call("restart_service", Map.of("service", "payments-api"), SRE)));
        assertThat(executor.started.await(5, TimeUnit.SECONDS)).isTrue();

        // when
        ToolOutcome webapp = registry.execute(call("restart_service", Map.of("service", "webapp"), SRE));
        executor.release.countDown();

        // then
        assertThat(webapp.status()).isEqualTo(CallStatus.OK);
        assertThat(payments.get(5, TimeUnit.SECONDS).status()).isEqualTo(CallStatus.OK);
    }

    @Test
    void should_release_the_lock_after_a_restart() {
        // given
        var executor = new BlockingExecutor();
        executor.release.countDown();
        ToolRegistry registry = registryWith(executor);

        // when
        ToolOutcome first = registry.execute(call("restart_service", Map.of("service", "payments-api"), SRE));
        ToolOutcome second = registry.execute(call("restart_service", Map.of("service", "payments-api"), SRE));

        // then
        assertThat(first.status()).isEqualTo(CallStatus.OK);
        assertThat(second.status()).isEqualTo(CallStatus.OK);
        assertThat(executor.restarted).containsExactly("payments-api", "payments-api");
        Optional<LockHandle> free = locks.tryAcquire("restart:payments-api", Duration.ofSeconds(1));
        assertThat(free).isPresent();
        free.get().close();
    }

    @Test
    void should_release_the_lock_when_the_restart_fails() {
        // given
        RestartExecutor failing = request -> {
            throw new ToolFailureException("restart_service", "orchestrator refused the restart");
        };
        ToolRegistry registry = registryWith(failing);

        // when
        ToolOutcome outcome = registry.execute(call("restart_service", Map.of("service", "database"), SRE));

        // then
        assertThat(outcome.status()).isEqualTo(CallStatus.ERROR);
        assertThat(outcome.error()).hasValue("orchestrator refused the restart");
        assertThat(locks.tryAcquire("restart:database", Duration.ofSeconds(1))).isPresent();
    }

    @Test
    void should_report_in_progress_when_another_holder_has_the_lock() {
        // given
        ToolRegistry registry = registryWith(new BlockingExecutor());
        LockHandle elsewhere =
                locks.tryAcquire("restart:auth-service", Duration.ofMinutes(1)).orElseThrow();

        // when
        ToolOutcome pl = registry.execute(
                call("restart_service", Map.of("service", "auth-service"), SRE, Language.PL, Optional.empty()));
        elsewhere.close();
        ToolOutcome after = registry.execute(call("restart_service", Map.of("service", "auth-service"), SRE));

        // then
        assertThat(pl.status()).isEqualTo(CallStatus.ERROR);
        assertThat(pl.error())
                .hasValue("'restart_service' dla restart:auth-service już trwa; spróbuj ponownie później");
        assertThat(after.status()).isEqualTo(CallStatus.OK);
    }

    @Test
    void should_say_plainly_that_the_default_restart_is_simulated() {
        // given
        var services = ServiceStateRegistry.create(ServiceCatalog.defaults(), clock);
        ToolRegistry registry = registry(ToolProviderContext.builder()
                .withService(ServiceStateRegistry.class, services)
                .withService(Clock.class, clock)
                .build());

        // when
        ToolOutcome en = registry.execute(call("restart_service", Map.of("service", "payments-api"), SRE));
        ToolOutcome pl = registry.execute(
                call("restart_service", Map.of("service", "payments-api"), SRE, Language.PL, Optional.empty()));

        // then
        assertThat(en.result().orElseThrow().summary())
                .isEqualTo("Restart of payments-api simulated (no orchestrator configured); nothing was actually"
                        + " restarted.");
        assertThat(en.result().orElseThrow().data())
                .containsEntry("simulated", true)
                .containsEntry("executor", "simulated")
                .containsEntry("status", "completed")
                .containsEntry("requested_by", "sam");
        assertThat(pl.result().orElseThrow().summary()).startsWith("Restart usługi payments-api zasymulowany");
        assertThat(services.state("payments-api").orElseThrow().restartCount()).isEqualTo(2);
    }

    @Test
    void should_summarize_a_triggered_rollout_restart() {
        // given
        RestartExecutor kubernetesLike = request -> new RestartResult(
                request.service(),
                "kubernetes",
                false,
                RestartResult.Status.TRIGGERED,
                clock.instant(),
                Map.of("deployment", "gw", "namespace", "edge", "ready_replicas", 1, "desired_replicas", 3));
        ToolRegistry registry = registryWith(kubernetesLike);

        // when
        ToolOutcome outcome = registry.execute(call("restart_service", Map.of("service", "api-gateway"), SRE));

        // then
        assertThat(outcome.result().orElseThrow().summary())
                .isEqualTo("Restart of api-gateway triggered (kubernetes: deployment gw in edge); it is still rolling"
                        + " out; 1/3 replicas ready.");
        assertThat(outcome.result().orElseThrow().data())
                .containsEntry("status", "triggered")
                .containsEntry("simulated", false)
                .containsEntry("ready_replicas", 1);
    }
}
