package com.astradesk.server.gateway;

import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.CircuitOpenException;
import com.astradesk.core.model.GuardrailViolationException;
import com.astradesk.core.model.InvalidConversationException;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.ProviderOverloadedException;
import com.astradesk.core.model.TokenUsage;
import com.astradesk.core.policy.Principal;
import com.astradesk.core.ratelimit.RateLimitDecision;
import com.astradesk.core.ratelimit.RateLimitPolicy;
import com.astradesk.core.ratelimit.RateLimitRule;
import com.astradesk.core.ratelimit.RateLimiterUnavailableException;
import com.astradesk.core.ratelimit.TokenBudget;
import com.astradesk.server.http.RequestIds;
import com.astradesk.server.observability.HttpTelemetry;
import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /v1/chat/completions} (JSON or, with {@code "stream": true}, server-sent chunks) and
 * {@code GET /v1/models[/{model}]} in front of one {@link ModelGateway}, with each principal's token budget: a call
 * starts while the budget has tokens left and is charged the tokens it used (as the provider reports them, else
 * estimated at four characters a token). Every answer carries {@code x-ratelimit-limit-tokens} and
 * {@code x-ratelimit-remaining-tokens}; a spent budget is {@code 429} with {@code Retry-After}. Thread-safe.
 */
final class ChatCompletionRoutes {
    private static final Logger LOG = LoggerFactory.getLogger(ChatCompletionRoutes.class);
    private static final String KEY_PREFIX = "gateway:";

    private final ModelGateway gateway;
    private final String model;
    private final long created;
    private final TokenBudget budget;
    private final RateLimitRule rule;
    private final int maxBodyBytes;

    ChatCompletionRoutes(
            ModelGateway gateway, String model, TokenBudget budget, long tokensPerMinute, int maxBodyBytes) {
        this.gateway = Objects.requireNonNull(gateway, "gateway");
        this.model = Objects.requireNonNull(model, "model");
        this.budget = Objects.requireNonNull(budget, "budget");
        this.rule = RateLimitRule.perMinute(tokensPerMinute);
        this.maxBodyBytes = maxBodyBytes;
        this.created = Instant.now().getEpochSecond();
    }

    void register(RoutesConfig routes) {
        routes.post("/v1/chat/completions", this::complete);
        routes.get("/v1/models", this::models);
        routes.get("/v1/models/{model}", this::oneModel);
    }

    private void models(Context ctx) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("object", "list");
        body.put("data", List.of(modelEntry()));
        ctx.contentType("application/json").result(ServerJson.write(body));
    }

    private void oneModel(Context ctx) {
        if (!model.equals(ctx.pathParam("model"))) {
            throw modelNotFound();
        }
        ctx.contentType("application/json").result(ServerJson.write(modelEntry()));
    }

    private Map<String, Object> modelEntry() {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("id", model);
        entry.put("object", "model");
        entry.put("created", created);
        entry.put("owned_by", gateway.provider());
        return entry;
    }

    private void complete(Context ctx) {
        Principal principal = GatewayAuth.principal(ctx);
        String key = KEY_PREFIX + RateLimitPolicy.principalKey(principal);
        admit(ctx, key);
        CompletionRequest request = CompletionRequest.from(readObject(ctx));
        if (!model.equals(request.model())) {
            throw modelNotFound();
        }
        String id = "chatcmpl-" + RequestIds.fresh().replace("-", "");
        long now = Instant.now().getEpochSecond();
        if (request.stream()) {
            stream(ctx, key, request, id, now);
        } else {
            ChatResult result = call(request);
            charge(ctx, key, result.usage(request));
            ctx.contentType("application/json").result(ServerJson.write(completion(id, now, result, request)));
        }
    }

    private void stream(Context ctx, String key, CompletionRequest request, String id, long now) {
        CompletionStream stream = new CompletionStream(ctx, id, now, model);
        StringBuilder text = new StringBuilder();
        ChatResult result;
        try {
            ChatResponse response = gateway.stream(request.chat(), piece -> {
                text.append(piece);
                stream.delta(piece);
            });
            result = new ChatResult(response.content(), response.usage(), "stop");
        } catch (GuardrailViolationException e) {
            if (e.isInput()) {
                throw errorFor(e);
            }
            result = filtered(e, text.toString());
        } catch (ModelException e) {
            if (!stream.started()) {
                throw errorFor(e);
            }
            result = new ChatResult(text.toString(), TokenUsage.NONE, "error");
            charge(ctx, key, result.usage(request));
            stream.fail(errorFor(e));
            return;
        }
        // headers are gone with the first chunk: the charge shows on the next call's headers
        charge(ctx, key, result.usage(request));
        stream.finish(result.finishReason(), result.reported(request), request.includeUsage());
    }

    private ChatResult call(CompletionRequest request) {
        try {
            ChatResponse response = gateway.chat(request.chat());
            return new ChatResult(response.content(), response.usage(), "stop");
        } catch (GuardrailViolationException e) {
            if (e.isInput()) {
                throw errorFor(e);
            }
            return filtered(e, "");
        } catch (ModelException e) {
            throw errorFor(e);
        }
    }

    private static ChatResult filtered(GuardrailViolationException e, String sent) {
        LOG.info("model output refused by guardrail '{}'", e.rule());
        return new ChatResult(sent, TokenUsage.NONE, "content_filter");
    }

    private void admit(Context ctx, String key) {
        RateLimitDecision decision;
        try {
            decision = budget.check(key, rule);
        } catch (RateLimiterUnavailableException e) {
            throw new OpenAiError(
                    503,
                    "server_error",
                    "budget_unavailable",
                    Optional.empty(),
                    "the token budget store is unavailable; retry later",
                    Map.of(
                            "Retry-After",
                            Long.toString(Math.max(1, e.retryAfter().toSeconds()))));
        }
        headers(ctx, decision);
        if (!decision.allowed()) {
            HttpTelemetry.rateLimited(ctx, "tokens");
            throw new OpenAiError(
                    429,
                    "tokens",
                    "rate_limit_exceeded",
                    Optional.empty(),
                    "Rate limit reached for tokens per minute (TPM): limit " + rule.capacity()
                            + "; the budget refills in " + decision.retryAfterSeconds() + " s",
                    Map.of("Retry-After", Long.toString(decision.retryAfterSeconds())));
        }
    }

    private void charge(Context ctx, String key, long tokens) {
        try {
            RateLimitDecision after = budget.charge(key, rule, tokens);
            if (!ctx.res().isCommitted()) {
                headers(ctx, after);
            }
        } catch (RateLimiterUnavailableException e) {
            LOG.warn("token budget: could not charge {} tokens ({})", tokens, e.getMessage());
        }
    }

    private void headers(Context ctx, RateLimitDecision decision) {
        ctx.header("x-ratelimit-limit-tokens", Long.toString(decision.limit()));
        ctx.header("x-ratelimit-remaining-tokens", Long.toString(decision.remaining()));
        ctx.header("x-ratelimit-reset-tokens", decision.resetSeconds() + "s");
    }

    private Map<String, Object> completion(String id, long now, ChatResult result, CompletionRequest request) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", result.content());
        message.put("refusal", null);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", result.finishReason());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", "chat.completion");
        body.put("created", now);
        body.put("model", model);
        body.put("choices", List.of(choice));
        body.put("usage", usage(result.reported(request)));
        return body;
    }

    static Map<String, Object> usage(TokenUsage usage) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("prompt_tokens", usage.inputTokens());
        body.put("completion_tokens", usage.outputTokens());
        body.put("total_tokens", usage.totalTokens());
        return body;
    }

    /** The OpenAI error a gateway failure is answered with. */
    static OpenAiError errorFor(ModelException e) {
        if (e instanceof GuardrailViolationException g) {
            return new OpenAiError(
                    400,
                    OpenAiError.INVALID_REQUEST,
                    "guardrail_violation",
                    Optional.of("messages"),
                    "the request was refused by guardrail '" + g.rule() + "'",
                    Map.of());
        }
        if (e instanceof InvalidConversationException) {
            return new OpenAiError(
                    400,
                    OpenAiError.INVALID_REQUEST,
                    "invalid_value",
                    Optional.of("messages"),
                    e.getMessage(),
                    Map.of());
        }
        if (e instanceof ProviderOverloadedException o) {
            long seconds = o.retryAfter().map(ChatCompletionRoutes::ceilSeconds).orElse(1L);
            return new OpenAiError(
                    503,
                    "server_error",
                    "provider_overloaded",
                    Optional.empty(),
                    "the model provider is overloaded; retry later",
                    Map.of("Retry-After", Long.toString(seconds)));
        }
        if (e instanceof CircuitOpenException c) {
            return new OpenAiError(
                    503,
                    "server_error",
                    "provider_unavailable",
                    Optional.empty(),
                    "the model provider is failing; calls are paused (circuit open)",
                    Map.of("Retry-After", Long.toString(ceilSeconds(c.remaining()))));
        }
        if (e instanceof ModelTimeoutException) {
            return new OpenAiError(
                    504,
                    "server_error",
                    "timeout",
                    Optional.empty(),
                    "the model provider did not answer in time",
                    Map.of());
        }
        LOG.warn("model call failed: {}", e.toString());
        return new OpenAiError(
                502,
                "server_error",
                "provider_error",
                Optional.empty(),
                "the model provider failed the call",
                Map.of());
    }

    private static long ceilSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private OpenAiError modelNotFound() {
        return new OpenAiError(
                404,
                OpenAiError.INVALID_REQUEST,
                "model_not_found",
                Optional.of("model"),
                "The model does not exist here; this gateway serves '" + model + "' (GET /v1/models)",
                Map.of());
    }

    private ObjectNode readObject(Context ctx) {
        String type = ctx.header("Content-Type");
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!media.equals("application/json")) {
            throw new OpenAiError(
                    415,
                    OpenAiError.INVALID_REQUEST,
                    "unsupported_media_type",
                    Optional.empty(),
                    "send the body as Content-Type: application/json",
                    Map.of());
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = in.readNBytes(maxBodyBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read request body", e);
        }
        if (body.length > maxBodyBytes) {
            throw new OpenAiError(
                    413,
                    OpenAiError.INVALID_REQUEST,
                    "request_too_large",
                    Optional.empty(),
                    "the request body is larger than " + maxBodyBytes + " bytes",
                    Map.of());
        }
        JsonNode node;
        try {
            node = ServerJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new OpenAiError(
                    400,
                    OpenAiError.INVALID_REQUEST,
                    "invalid_json",
                    Optional.empty(),
                    "the body is not valid JSON",
                    Map.of());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read request body", e);
        }
        if (!(node instanceof ObjectNode object)) {
            throw new OpenAiError(
                    400,
                    OpenAiError.INVALID_REQUEST,
                    "invalid_json",
                    Optional.empty(),
                    "the body must be a JSON object",
                    Map.of());
        }
        return object;
    }

    /** What the provider answered, how the choice finished and the tokens it reported. */
    private record ChatResult(String content, TokenUsage usage, String finishReason) {
        /** Tokens to charge: as reported, else estimated at four characters a token. */
        long usage(CompletionRequest request) {
            if (usage.totalTokens() > 0) {
                return usage.totalTokens();
            }
            return (request.promptChars() + content.length() + 3L) / 4;
        }

        /** The usage to report: as reported, else the estimate split into prompt and completion. */
        TokenUsage reported(CompletionRequest request) {
            if (usage.totalTokens() > 0) {
                return usage;
            }
            return new TokenUsage((request.promptChars() + 3) / 4, (content.length() + 3) / 4);
        }
    }
}
