package com.astradesk.server.wiring;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.TokenBudget;
import com.astradesk.core.store.redis.RedisConfig;
import com.astradesk.core.store.redis.RedisStores;
import com.astradesk.model.ModelConfigException;
import com.astradesk.model.ModelGateways;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.GatewayConfig;
import com.astradesk.server.gateway.ModelGatewayServer;
import com.astradesk.server.observability.ServerTelemetry;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires {@code astradesk gateway} from {@link GatewayConfig}: the model gateway the {@code MODEL_*} settings name
 * (guardrails, retry, breaker, usage metrics on the server's telemetry), the API server's token verifier (the
 * external issuer, or the embedded dev issuer's key in {@code var/dev-issuer}), and the token budgets (Redis with
 * {@code REDIS_URL}, in memory otherwise). Stateless.
 */
public final class GatewayWiring {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayWiring.class);

    private GatewayWiring() {}

    /**
     * Wires the gateway server (not started).
     *
     * @throws ConfigException when the configuration asks for something this build cannot provide
     */
    public static ModelGatewayServer wire(GatewayConfig config) {
        ServerTelemetry telemetry = ServerTelemetry.createGlobal(config.observability());
        Optional<RedisStores> redis = Optional.empty();
        try {
            ModelGateway gateway;
            try {
                gateway = ModelGateways.builder(config.model())
                        .withTelemetry(telemetry)
                        .build();
            } catch (ModelConfigException e) {
                throw new ConfigException(e.setting(), e.getMessage());
            }
            var builder = ModelGatewayServer.builder()
                    .withConfig(config.server())
                    .withTelemetry(telemetry)
                    .withGateway(gateway, config.model().modelName());
            FailureMode failureMode = config.failClosed() ? FailureMode.CLOSED : FailureMode.OPEN;
            if (config.store().redisUrl().isPresent()) {
                RedisStores stores = RedisStores.open(
                        RedisConfig.of(config.store().redisUrl().get().toString()));
                redis = Optional.of(stores);
                builder.withTokenBudget(stores.tokenBudget(failureMode), config.tokensPerMinute())
                        .withReadinessCheck(stores::ping)
                        .withCloseable(stores);
            } else {
                builder.withTokenBudget(TokenBudget.inMemory(), config.tokensPerMinute());
            }
            LOG.info(
                    "model gateway: {} model '{}', {} tokens/min per principal ({})",
                    gateway.provider(),
                    config.model().modelName(),
                    config.tokensPerMinute(),
                    redis.isPresent() ? "shared in Redis" : "in memory");
            if (config.embeddedAuth()) {
                DevIssuer issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
                LOG.warn(
                        "embedded mode: tokens come from the local dev issuer (key {}); never use this in production",
                        config.devIssuer().keyFile());
                builder.withTokenVerifier(TokenVerifier.forDevIssuer(issuer));
            } else {
                builder.withTokenVerifier(TokenVerifier.forIssuer(config.auth()));
            }
            return builder.build();
        } catch (RuntimeException e) {
            redis.ifPresent(RedisStores::close);
            telemetry.close();
            throw e;
        }
    }
}
