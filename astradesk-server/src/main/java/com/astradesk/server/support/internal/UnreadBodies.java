package com.astradesk.server.support.internal;

import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads and discards what a refused request left of its body, so that the refusal reaches the client.
 *
 * <p>A route that refuses a request before reading its body (a {@code 401}, a {@code 413} decided on
 * {@code Content-Length}, a {@code 415}) would otherwise leave bytes in flight: Jetty then closes the connection, and
 * closing a socket with unread data makes the kernel send a reset that can destroy the response in the client's
 * receive buffer (the client sees the connection reset, not the problem). Bodies up to the bound
 * ({@link #drainBound}) are read to their end and the connection stays open; a larger one is not read, and the
 * response says {@code Connection: close}. Stateless.
 */
public final class UnreadBodies {
    /** The least a refused request's body is read to keep its connection: 1 MiB. */
    public static final long MIN_DRAIN_BYTES = 1L << 20;

    private UnreadBodies() {}

    /** The most of a refused body a server with this body limit reads: 4 × the limit, at least 1 MiB. */
    public static long drainBound(int maxBodyBytes) {
        return Math.max(MIN_DRAIN_BYTES, 4L * maxBodyBytes);
    }

    /** A Javalin after-handler: on an error status, reads the rest of the request body, up to {@code bound} bytes. */
    public static Handler drainRefused(long bound) {
        return ctx -> {
            if (ctx.statusCode() < 400) {
                return; // routes that accept a request read its body
            }
            long declared = ctx.req().getContentLengthLong();
            if (declared == 0) {
                return;
            }
            if (declared > bound || !drain(ctx, bound)) {
                ctx.header("Connection", "close");
            }
        };
    }

    /** Whether the body was read to its end within the bound. */
    private static boolean drain(Context ctx, long bound) {
        byte[] chunk = new byte[8192];
        long left = bound;
        try {
            InputStream in = ctx.req().getInputStream();
            while (left >= 0) {
                int n = in.read(chunk, 0, (int) Math.min(chunk.length, left + 1));
                if (n < 0) {
                    return true;
                }
                left -= n;
            }
            return false;
        } catch (IOException | IllegalStateException e) {
            // the client went away, or the route read the body as characters: nothing left to keep
            return false;
        }
    }
}
