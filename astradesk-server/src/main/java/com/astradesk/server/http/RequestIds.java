package com.astradesk.server.http;

import io.javalin.http.Context;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every request an id: the caller's {@code X-Request-ID} when it is sane (≤ 128 characters of
 * {@code [A-Za-z0-9._-]}), a fresh UUID otherwise. Echoed on every response and put in the MDC. Thread-safe.
 */
public final class RequestIds {
    /** The request/response header. */
    public static final String HEADER = "X-Request-ID";

    static final String ATTRIBUTE = "astradesk.request_id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    private RequestIds() {}

    /** Whether a caller-supplied id (or idempotency key) may be used as is. */
    public static boolean isSane(String value) {
        return value != null && SANE.matcher(value).matches();
    }

    /** Before-handler: assigns the id, echoes it and puts it in the MDC. */
    public static void assign(Context ctx) {
        MDC.clear();
        String id = Optional.ofNullable(ctx.header(HEADER))
                .filter(RequestIds::isSane)
                .orElseGet(RequestIds::fresh);
        ctx.attribute(ATTRIBUTE, id);
        ctx.header(HEADER, id);
        MDC.put("request_id", id);
    }

    /**
     * A fresh random (version 4) UUID from the calling thread's generator. Request ids correlate, they do not
     * protect anything, and {@link UUID#randomUUID()} makes every request thread take turns at one shared {@code
     * SecureRandom}.
     */
    public static String fresh() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L;
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

    /** The id of this request ({@code unknown} before {@link #assign}). */
    public static String of(Context ctx) {
        String id = ctx.attribute(ATTRIBUTE);
        return id == null ? "unknown" : id;
    }
}
