package com.astradesk.server.wiring;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.ratelimit.FailureMode;
import com.astradesk.core.ratelimit.TokenBudget;
import com.astradesk.core.store.redis.RedisStores;
import com.astradesk.model.ModelConfigException;
import com.astradesk.model.ModelGateways;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.auth.TokenVerifier;
import com.astradesk.server.config.GatewayConfig;
import com.astradesk.server.gateway.ModelGatewayServer;
import com.astradesk.server.health.ReadinessCheck;
import com.astradesk.server.observability.ServerTelemetry;
import com.astradesk.server.security.EdgeDenialAudit;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wires {@code astradesk gateway} from {@link GatewayConfig}: the model gateway the {@code MODEL_*} settings name
 * (guardrails, retry, breaker, usage metrics on the server's telemetry), the API server's token verifier (the
 * external issuer, or the embedded dev issuer's key in {@code var/dev-issuer}), the API server's stores ({@link
 * ServerStores}: refused tokens are audited through their run journal as {@code auth.denied}) and the token budgets
 * (Redis with {@code REDIS_URL}, in memory otherwise). Stateless.
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
        ServerStores stores = null;
        try {
            ModelGateway gateway;
            try {
                gateway = ModelGateways.builder(config.model())
                        .withTelemetry(telemetry)
                        .build();
            } catch (ModelConfigException e) {
                throw new ConfigException(e.setting(), e.getMessage());
            }
            // the API server's state: its run journal audits refused tokens (Postgres outbox, relayed to NATS), its
            // Redis holds the budgets every replica shares
            stores = ServerStores.open(config.store());
            var builder = ModelGatewayServer.builder()
                    .withConfig(config.server())
                    .withTelemetry(telemetry)
                    .withGateway(gateway, config.model().modelName())
                    .withAuthDenialAudit(EdgeDenialAudit.standard(stores.ports().journal()::recordEvents));
            for (ReadinessCheck check : stores.readinessChecks()) {
                builder.withReadinessCheck(() -> probe(check));
            }
            builder.withCloseable(stores);
            FailureMode failureMode = config.failClosed() ? FailureMode.CLOSED : FailureMode.OPEN;
            Optional<RedisStores> redis = stores.redis();
            builder.withTokenBudget(
                    redis.map(r -> r.tokenBudget(failureMode)).orElseGet(TokenBudget::inMemory),
                    config.tokensPerMinute());
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
                builder.withTokenVerifier(TokenVerifier.forDevIssuer(issuer, config.auth()));
            } else {
                builder.withTokenVerifier(TokenVerifier.forIssuer(config.auth()));
            }
            return builder.build();
        } catch (RuntimeException e) {
            if (stores != null) {
                stores.close();
            }
            telemetry.close();
            throw e;
        }
    }

    private static void probe(ReadinessCheck check) {
        try {
            check.probe();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(check.name() + " is not ready: " + e.getMessage(), e);
        }
    }
}
