package com.astradesk.core.tool.internal;

import com.astradesk.core.idempotency.IdempotencyOutcome;
import com.astradesk.core.idempotency.IdempotencyStore;
import com.astradesk.core.idempotency.StoredResponse;
import com.astradesk.core.json.Json;
import com.astradesk.core.text.Language;
import com.astradesk.core.tool.CallOutcome;
import com.astradesk.core.tool.SideEffect;
import com.astradesk.core.tool.ToolCall;
import com.astradesk.core.tool.ToolResult;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Side-effecting calls with an idempotency key run at most once per key: the first successful result is recorded
 * ({@code step:{tenant}:{subject}:{key}} in the idempotency store) and a repeat — e.g. a queued run taken again after
 * its worker died — gets that result without the tool acting again. A repeat while the first is still running (or
 * whose worker died while the tool ran, until the record's lease ends) is refused as {@code locked}, never run twice.
 * Failed calls leave no record, so a retry runs. Without a store, or for read-only tools and calls without a key,
 * the stage passes the call on.
 */
final class StepRecordStage implements ToolStage {
    private final Optional<IdempotencyStore> store;
    private final Duration ttl;

    StepRecordStage(Optional<IdempotencyStore> store, Duration ttl) {
        this.store = store;
        this.ttl = ttl;
    }

    @Override
    public String name() {
        return "step_record";
    }

    @Override
    public Verdict apply(Invocation invocation, Next next) {
        ToolCall call = invocation.call();
        if (store.isEmpty()
                || call.idempotencyKey().isEmpty()
                || invocation.descriptor().sideEffect() == SideEffect.READ) {
            return next.proceed(invocation);
        }
        String scope = "step:" + call.principal().tenant().orElse("") + ":"
                + call.principal().subject() + ":" + call.idempotencyKey().get();
        String hash = call.tool() + "\u0000" + Json.canonical(call.arguments());
        IdempotencyOutcome begun = store.get().begin(scope, hash, ttl);
        if (begun instanceof IdempotencyOutcome.Replay replay) {
            Map<String, Object> stored = Json.readObject(replay.response().body());
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) stored.getOrDefault("data", Map.of());
            return Verdict.ok(call, ToolResult.of(String.valueOf(stored.get("summary")), data));
        }
        if (begun instanceof IdempotencyOutcome.Mismatch) {
            return Verdict.failed(
                    call,
                    CallOutcome.INVALID_ARGUMENTS,
                    "idempotency key of this step was used for another call of '" + call.tool() + "'");
        }
        if (begun instanceof IdempotencyOutcome.InProgress) {
            return Verdict.failed(
                    call,
                    CallOutcome.LOCKED,
                    call.language() == Language.PL
                            ? "'" + call.tool()
                                    + "' z tym kluczem już trwa lub przerwano go w trakcie; nie uruchomiono go ponownie"
                            : "'" + call.tool() + "' with this key is already running or was interrupted while running;"
                                    + " it was not run again");
        }
        Verdict verdict;
        try {
            verdict = next.proceed(invocation);
        } catch (RuntimeException e) {
            store.get().abandon(scope);
            throw e;
        }
        if (verdict.outcome() == CallOutcome.OK && verdict.result().isPresent()) {
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("summary", verdict.result().get().summary());
            record.put("data", verdict.result().get().data());
            store.get().complete(scope, new StoredResponse(200, Json.write(record)));
        } else {
            store.get().abandon(scope);
        }
        return verdict;
    }
}
