package com.astradesk.model.internal;

import com.astradesk.core.model.CircuitOpenException;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.ProviderOverloadedException;
import com.astradesk.core.model.ProviderServerException;
import com.astradesk.core.telemetry.CircuitState;
import com.astradesk.core.telemetry.Telemetry;
import com.astradesk.model.ResilienceConfig;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import dev.failsafe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one retry loop around a provider: per-attempt timeout, retry with exponential backoff and jitter on
 * 429/5xx/timeouts honouring {@code Retry-After}, and a circuit breaker (one per provider, i.e. per gateway).
 * Retry and breaker are Failsafe's; the per-attempt timeout is {@link AttemptDeadlines} (no task scheduled per
 * call). Thread-safe.
 */
final class ResilientCaller {
    private static final Logger LOG = LoggerFactory.getLogger(ResilientCaller.class);

    private final String provider;
    private final ResilienceConfig config;
    private final CircuitBreaker<Object> breaker;
    private final Telemetry telemetry;
    // policies are immutable and thread-safe: built once, not per call
    private final RetryPolicy<Object> alwaysRetry;
    private final AttemptDeadlines deadlines = AttemptDeadlines.shared();

    /** {@code retryAllowed} for calls that may always be retried (not a stream that delivered text). */
    static final BooleanSupplier ALWAYS = () -> true;

    /** The value of one call and how many provider attempts it took. */
    record Outcome<T>(T value, int attempts) {}

    ResilientCaller(String provider, ResilienceConfig config) {
        this(provider, config, Telemetry.noop());
    }

    ResilientCaller(String provider, ResilienceConfig config, Telemetry telemetry) {
        this.provider = Objects.requireNonNull(provider, "provider");
        this.config = Objects.requireNonNull(config, "config");
        this.telemetry = Objects.requireNonNull(telemetry, "telemetry");
        this.breaker = CircuitBreaker.builder()
                .handleIf((result, failure) -> failure != null && countsAgainstProvider(failure))
                .withFailureThreshold(config.breakerFailures())
                .withDelay(config.breakerDelay())
                .withSuccessThreshold(1)
                .onOpen(e -> {
                    LOG.warn("model provider {} circuit opened", provider);
                    telemetry.circuitState(provider, CircuitState.OPEN);
                })
                .onHalfOpen(e -> {
                    LOG.info("model provider {} circuit half-open: probing", provider);
                    telemetry.circuitState(provider, CircuitState.HALF_OPEN);
                })
                .onClose(e -> {
                    LOG.info("model provider {} circuit closed", provider);
                    telemetry.circuitState(provider, CircuitState.CLOSED);
                })
                .build();
        telemetry.circuitState(provider, CircuitState.CLOSED);
        this.alwaysRetry = retryPolicy(ALWAYS);
    }

    /** Reports the breaker's current state (so a telemetry installed after construction still learns it). */
    void reportState() {
        CircuitState state = switch (breaker.getState()) {
            case OPEN -> CircuitState.OPEN;
            case HALF_OPEN -> CircuitState.HALF_OPEN;
            case CLOSED -> CircuitState.CLOSED;
        };
        telemetry.circuitState(provider, state);
    }

    /**
     * Runs {@code call} under the policies.
     *
     * @param timeout       limit of one attempt
     * @param call          one provider attempt; throws typed {@link ModelException}s
     * @param retryAllowed  checked before each retry (a stream that already delivered text must not repeat)
     * @throws ModelException the last failure, {@link CircuitOpenException} or {@link ModelTimeoutException}
     */
    <T> Outcome<T> call(Duration timeout, Supplier<T> call, BooleanSupplier retryAllowed) {
        var attempts = new AtomicInteger();
        RetryPolicy<Object> retry = retryAllowed == ALWAYS ? alwaysRetry : retryPolicy(retryAllowed);
        try {
            // the per-attempt timeout runs inside the breaker and the retry, as a Failsafe Timeout would
            T value = Failsafe.with(retry).compose(breaker).get(() -> {
                attempts.incrementAndGet();
                try {
                    return deadlines.run(timeout, call);
                } catch (AttemptDeadlines.Expired e) {
                    throw new ModelTimeoutException(provider, timeout);
                }
            });
            return new Outcome<>(value, attempts.get());
        } catch (CircuitBreakerOpenException e) {
            throw new CircuitOpenException(provider, breaker.getRemainingDelay());
        } catch (FailsafeException e) {
            Throwable cause = e.getCause();
            throw cause instanceof ModelException m
                    ? m
                    : new ProviderServerException(
                            provider, 0, false, "unexpected " + e.getClass().getSimpleName());
        } catch (ModelException e) {
            throw e;
        } catch (RuntimeException e) {
            throw ProviderErrors.map(provider, timeout, e);
        }
    }

    private RetryPolicy<Object> retryPolicy(BooleanSupplier retryAllowed) {
        return RetryPolicy.builder()
                .handleIf((result, failure) -> failure != null && retriable(failure))
                .abortIf((result, failure) -> failure != null && !retryAllowed.getAsBoolean())
                .abortIf((result, failure) -> failure instanceof ProviderOverloadedException o
                        && o.retryAfter()
                                .filter(w -> w.compareTo(config.maxRetryAfter()) > 0)
                                .isPresent())
                .withMaxRetries(config.maxRetries())
                .withDelayFn(ctx -> delay(ctx.getLastException(), ctx.getAttemptCount()))
                .onRetry(e -> LOG.debug(
                        "model provider {} attempt {} failed ({}); retrying",
                        provider,
                        e.getAttemptCount(),
                        e.getLastException() == null
                                ? "?"
                                : e.getLastException().getClass().getSimpleName()))
                .build();
    }

    private Duration delay(Throwable last, int attemptCount) {
        if (last instanceof ProviderOverloadedException o) {
            Optional<Duration> wait = o.retryAfter();
            if (wait.isPresent()) {
                return wait.get();
            }
        }
        long initial = config.initialBackoff().toMillis();
        int exponent = Math.max(0, Math.min(attemptCount - 1, 20));
        long backoff = Math.min(config.maxBackoff().toMillis(), initial << exponent);
        double spread = config.jitter() * backoff;
        long jittered = Math.round(backoff + ThreadLocalRandom.current().nextDouble(-spread, spread + 1e-9));
        return Duration.ofMillis(Math.max(1, jittered));
    }

    private static boolean retriable(Throwable failure) {
        return failure instanceof ProviderOverloadedException
                || failure instanceof ModelTimeoutException
                || (failure instanceof ProviderServerException s && s.isRetriable());
    }

    private static boolean countsAgainstProvider(Throwable failure) {
        return retriable(failure);
    }
}
