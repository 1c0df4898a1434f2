package com.astradesk.server.http;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Response headers that keep browsers safe on every route: {@code X-Content-Type-Options: nosniff}, no
 * referrer, no framing; the pages ({@code /console}, {@code /docs}) get a Content-Security-Policy that allows
 * only the server's own scripts, styles and connections (no inline script, no other origin), everything else
 * (JSON) one that allows nothing. Thread-safe (stateless).
 */
final class SecurityHeaders implements Handler {
    /** The policy of the pages: own-origin scripts, styles, images and connections only. */
    static final String PAGE_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " font-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** The policy of every other response: nothing may load, nothing may frame it. */
    static final String API_POLICY = "default-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void handle(Context ctx) {
        String path = ctx.path();
        boolean page = isPage(path, "/console") || isPage(path, "/docs");
        ctx.header("Content-Security-Policy", page ? PAGE_POLICY : API_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "no-referrer");
    }

    private static boolean isPage(String path, String root) {
        return path.equals(root) || path.startsWith(root + "/");
    }
}
