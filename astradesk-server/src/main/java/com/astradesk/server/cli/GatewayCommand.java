package com.astradesk.server.cli;

import com.astradesk.server.config.GatewayConfig;
import com.astradesk.server.gateway.ModelGatewayServer;
import com.astradesk.server.wiring.GatewayWiring;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code gateway}: serves the model gateway as an OpenAI-compatible service ({@code POST /v1/chat/completions},
 * {@code GET /v1/models}) until the process is stopped. Configuration comes from the environment.
 */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        description = "Serve the model gateway as an OpenAI-compatible HTTP service (MODEL_*, GATEWAY_*; see"
                + " docs/MODEL_GATEWAY.md).")
public final class GatewayCommand implements Callable<Integer> {
    @ParentCommand
    private AstraDeskCommand parent;

    /** For picocli. */
    public GatewayCommand() {}

    @Override
    public Integer call() throws InterruptedException {
        GatewayConfig config = GatewayConfig.fromEnv(parent.env());
        return ServingProcess.run(
                config.logging(),
                config.logFormat(),
                () -> {
                    ModelGatewayServer server = GatewayWiring.wire(config).start();
                    return server::close;
                },
                "astradesk-gateway-shutdown");
    }
}
