package com.astradesk.server.http;

import com.astradesk.core.AstraDeskException;
import com.astradesk.core.idempotency.Idempotency;
import com.astradesk.core.idempotency.IdempotencyException;
import com.astradesk.core.idempotency.IdempotentResult;
import com.astradesk.core.idempotency.StoredResponse;
import com.astradesk.core.policy.Principal;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code Idempotency-Key} (or the seed's {@code X-Idempotency-Key}) on {@code POST /v1/agents/run}: a repeat
 * with the same principal, key and body replays the stored response with {@code Idempotent-Replayed: true} and
 * runs nothing; the key with another body is 422; a repeat while the first runs waits, then gets the same
 * result or 409. Thread-safe.
 */
final class IdempotentRuns {
    /** The seed's header name, accepted as an alias. */
    static final String LEGACY_HEADER = "X-Idempotency-Key";
    /** Set on a replayed response. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";

    private final Idempotency idempotency;

    IdempotentRuns(Idempotency idempotency) {
        this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    }

    /**
     * The request's idempotency key, if it sent one.
     *
     * @throws RequestRejectedException 400 when the key is malformed or the two headers disagree
     */
    static Optional<String> key(Context ctx) {
        Optional<String> primary = Optional.ofNullable(ctx.header(AgentRoutes.IDEMPOTENCY_HEADER));
        Optional<String> legacy = Optional.ofNullable(ctx.header(LEGACY_HEADER));
        if (primary.isPresent() && legacy.isPresent() && !primary.get().equals(legacy.get())) {
            throw invalid("Idempotency-Key and X-Idempotency-Key differ; send one of them");
        }
        Optional<String> key = primary.or(() -> legacy);
        if (key.isPresent()) {
            try {
                Idempotency.validateKey(key.get());
            } catch (IllegalArgumentException e) {
                throw invalid(e.getMessage());
            }
        }
        return key;
    }

    /** Runs {@code request} at most once for this principal, key and body, and sends the (stored) response. */
    void run(Context ctx, Principal principal, String key, ObjectNode body, Supplier<StoredResponse> request) {
        IdempotentResult result = execute(principal, key, body, request);
        send(ctx, result.response(), result.replayed());
    }

    /** Runs {@code request} at most once for this principal, key and body; returns the (stored) response. */
    IdempotentResult execute(Principal principal, String key, ObjectNode body, Supplier<StoredResponse> request) {
        try {
            return idempotency.run(principal, key, ServerJson.write(body), request);
        } catch (IdempotencyException e) {
            throw e;
        } catch (AstraDeskException e) {
            if (e.getClass() != AstraDeskException.class) {
                throw e;
            }
            throw new ServiceUnavailableException("the idempotency store is unavailable; retry later", e);
        }
    }

    /** Sends a run response; a replay carries {@code Idempotent-Replayed: true} and the original run id. */
    static void send(Context ctx, StoredResponse response, boolean replayed) {
        if (replayed) {
            ctx.header(REPLAYED_HEADER, "true");
            runId(response.body()).ifPresent(id -> ctx.header(AgentRoutes.RUN_ID_HEADER, id));
        }
        ctx.status(response.status()).contentType("application/json").result(response.body());
    }

    /** The {@code run_id} of a stored run response. */
    static Optional<String> runId(String body) {
        return member(body, "run_id");
    }

    /** A top-level text member of a stored run response (e.g. {@code conversation_id}). */
    static Optional<String> member(String body, String name) {
        try {
            JsonNode node = ServerJson.mapper().readTree(body);
            return Optional.ofNullable(node.get(name))
                    .filter(JsonNode::isTextual)
                    .map(JsonNode::asText);
        } catch (java.io.IOException e) {
            return Optional.empty();
        }
    }

    private static RequestRejectedException invalid(String detail) {
        return new RequestRejectedException(
                400, "invalid_idempotency_key", Optional.of("Idempotency-Key"), detail, Map.of());
    }
}
