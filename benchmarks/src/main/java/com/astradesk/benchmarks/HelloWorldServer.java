package com.astradesk.benchmarks;

import io.javalin.Javalin;

/**
 * The load test's baseline: Javalin with the server's Jetty defaults and one tiny JSON route, no auth, no
 * logging. {@code java -cp benchmarks.jar com.astradesk.benchmarks.HelloWorldServer [port]}.
 */
public final class HelloWorldServer {
    private HelloWorldServer() {}

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8090;
        Javalin app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = "127.0.0.1";
            cfg.jetty.port = port;
            cfg.routes.post(
                    "/v1/agents/run", ctx -> ctx.contentType("application/json").result("{\"output\":\"hello\"}"));
            cfg.routes.get("/readyz", ctx -> ctx.result("ok"));
        });
        Runtime.getRuntime().addShutdownHook(new Thread(app::stop));
        app.start();
    }
}
