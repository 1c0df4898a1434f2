package com.astradesk.core.idempotency;

import com.astradesk.core.idempotency.internal.Checks;
import com.astradesk.core.policy.Principal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Runs requests at most once per idempotency key over an {@link IdempotencyStore}, and the key helpers the
 * server needs. Thread-safe.
 *
 * <p>{@link #run}: a first request runs and its response is stored; a repeat with the same principal, key and
 * body replays the stored response and runs nothing; the same key with another body throws
 * {@link IdempotencyKeyMismatchException} (422); a repeat while the first still runs waits up to
 * {@code waitForInProgress} for its result, then throws {@link IdempotencyInProgressException} (409). A request
 * that throws, or answers 5xx, releases the key so a retry runs again.
 */
public final class Idempotency {
    /** Allowed keys: 1–255 visible ASCII characters. */
    public static final Pattern KEY = Pattern.compile("^[\\x21-\\x7E]{1,255}$");

    private static final Duration POLL = Duration.ofMillis(25);

    private final IdempotencyStore store;
    private final Duration ttl;
    private final Duration waitForInProgress;

    private Idempotency(IdempotencyStore store, Duration ttl, Duration waitForInProgress) {
        this.store = Objects.requireNonNull(store, "store");
        this.ttl = Checks.positive(ttl, "ttl");
        Objects.requireNonNull(waitForInProgress, "waitForInProgress");
        if (waitForInProgress.isNegative()) {
            throw new IllegalArgumentException("waitForInProgress must not be negative, was " + waitForInProgress);
        }
        this.waitForInProgress = waitForInProgress;
    }

    /**
     * @param store             where records live
     * @param ttl               how long completed records are kept (e.g. {@link IdempotencyStore#DEFAULT_TTL})
     * @param waitForInProgress how long a repeat waits for a running first request; zero answers 409 at once
     */
    public static Idempotency of(IdempotencyStore store, Duration ttl, Duration waitForInProgress) {
        return new Idempotency(store, ttl, waitForInProgress);
    }

    /**
     * Runs {@code request} unless this principal already sent this key.
     *
     * @param principal      the caller (keys are scoped per principal)
     * @param idempotencyKey the client's {@code Idempotency-Key}
     * @param requestBody    the request body the key is bound to
     * @param request        produces the response; runs at most once per completed key
     * @return the response and whether it was replayed
     * @throws IllegalArgumentException         when the key is malformed ({@link #KEY})
     * @throws IdempotencyKeyMismatchException  when the key was used with another body
     * @throws IdempotencyInProgressException   when a request with this key is still running after the wait
     */
    public IdempotentResult run(
            Principal principal, String idempotencyKey, String requestBody, Supplier<StoredResponse> request) {
        Objects.requireNonNull(request, "request");
        String scope = scope(principal, idempotencyKey);
        String hash = requestHash(requestBody);
        IdempotencyOutcome outcome = store.begin(scope, hash, ttl);
        long deadline = System.nanoTime() + waitForInProgress.toNanos();
        while (outcome instanceof IdempotencyOutcome.InProgress && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outcome = store.begin(scope, hash, ttl);
        }
        if (outcome instanceof IdempotencyOutcome.Replay replay) {
            return new IdempotentResult(replay.response(), true);
        }
        if (outcome instanceof IdempotencyOutcome.Mismatch) {
            throw new IdempotencyKeyMismatchException(idempotencyKey);
        }
        if (outcome instanceof IdempotencyOutcome.InProgress) {
            throw new IdempotencyInProgressException(idempotencyKey);
        }
        StoredResponse response;
        try {
            response = Objects.requireNonNull(request.get(), "request returned null");
        } catch (RuntimeException | Error e) {
            store.abandon(scope);
            throw e;
        }
        if (response.status() >= 500) {
            store.abandon(scope);
        } else {
            store.complete(scope, response);
        }
        return new IdempotentResult(response, false);
    }

    /**
     * The store key for a principal's idempotency key: tenant, subject and key, so two principals never share
     * a record.
     *
     * @throws IllegalArgumentException when the key is malformed ({@link #KEY})
     */
    public static String scope(Principal principal, String idempotencyKey) {
        Objects.requireNonNull(principal, "principal");
        validateKey(idempotencyKey);
        return principal.tenant().orElse("-") + ":" + sha256(principal.subject()) + ":" + idempotencyKey;
    }

    /** SHA-256 (hex) of the request body; two bodies with the same bytes give the same hash. */
    public static String requestHash(String requestBody) {
        return sha256(Objects.requireNonNull(requestBody, "requestBody"));
    }

    /**
     * Checks a client's key.
     *
     * @throws IllegalArgumentException naming the rule when it is null, empty, too long or not visible ASCII
     */
    public static String validateKey(String idempotencyKey) {
        if (idempotencyKey == null || !KEY.matcher(idempotencyKey).matches()) {
            throw new IllegalArgumentException("Idempotency-Key must be 1-255 visible ASCII characters");
        }
        return idempotencyKey;
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
