package com.astradesk.benchmarks;

import io.javalin.Javalin;

/**
 * The gateway load test's provider: Javalin answering {@code POST /v1/chat/completions} at once with a fixed
 * OpenAI chat completion (usage included), no auth, no logging. The gateway's added latency is measured as the
 * difference between calling this directly and calling it through {@code astradesk gateway}.
 * {@code java -cp benchmarks.jar com.astradesk.benchmarks.FakeOpenAiProviderServer [port]}.
 */
public final class FakeOpenAiProviderServer {
    private static final String COMPLETION = "{\"id\":\"chatcmpl-bench\",\"object\":\"chat.completion\","
            + "\"created\":1764000000,\"model\":\"bench-model\",\"choices\":[{\"index\":0,\"message\":{\"role\":"
            + "\"assistant\",\"content\":\"Restart the VPN client, then sign in again.\",\"refusal\":null},"
            + "\"logprobs\":null,\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":24,"
            + "\"completion_tokens\":10,\"total_tokens\":34}}";

    private FakeOpenAiProviderServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8091;
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.post("/v1/chat/completions", ctx -> {
                ctx.bodyAsBytes(); // read the request as a real provider would
                ctx.contentType("application/json").result(COMPLETION);
            });
            cfg.routes.get("/readyz", ctx -> ctx.result("ok"));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        app.start();
    }
}
