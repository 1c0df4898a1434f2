package com.astradesk.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.util.Optional;

/**
 * Response headers that keep browsers safe on every route: {@code X-Content-Type-Options: nosniff}, no
 * referrer, no framing; the pages ({@code /console}, {@code /docs}) get a Content-Security-Policy that allows
 * only the server's own scripts, styles and connections (no inline script, no other origin), everything else
 * (JSON) one that allows nothing. With OIDC sign-in the console may also connect to the issuer's origin (its
 * discovery document and token endpoint). Thread-safe (immutable).
 */
final class SecurityHeaders implements Handler {
    /** The policy of the pages: own-origin scripts, styles, images and connections only. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** The policy of every other response: nothing may load, nothing may frame it. */
    static final String API_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    private final String consolePolicy;

    /** Headers for a console that connects to its own origin only. */
    SecurityHeaders() {
        this(Optional.empty());
    }

    /** Headers for a console that also signs in at {@code issuerOrigin} ({@code scheme://host[:port]}). */
    SecurityHeaders(Optional<String> issuerOrigin) {
        this.consolePolicy = issuerOrigin
                .map(o -> PAGE_POLICY.replace("connect-src 'self'", "connect-src 'self' " + o))
                .orElse(PAGE_POLICY);
    }

    @Override
    public void handle(Context ctx) {
        String path = ctx.path();
        String policy = isPage(path, "/console") ? consolePolicy : isPage(path, "/docs") ? PAGE_POLICY : API_POLICY;
        ctx.header("Content-Security-Policy", policy);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static boolean isPage(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
