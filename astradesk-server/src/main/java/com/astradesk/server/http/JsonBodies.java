package com.astradesk.server.http;

import com.astradesk.server.support.internal.ServerJson;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Reads a JSON object request body: content type, size limit, then strict parsing. Stateless. */
final class JsonBodies {
    private JsonBodies() {}

    /**
     * The body as a JSON object.
     *
     * @throws RequestRejectedException 415 when not declared JSON or content-encoded, 413 when over {@code maxBytes}, 400 when not
     *     a JSON object
     */
    static ObjectNode readObject(Context ctx, int maxBytes) {
        if (!isJson(ctx.header("Content-Type"))) {
            throw RequestRejectedException.unsupportedMediaType();
        }
        String encoding = ctx.header("Content-Encoding");
        if (encoding != null && !encoding.isBlank() && !encoding.trim().equalsIgnoreCase("identity")) {
            // compressed bodies are not accepted (RFC 7694: 415), so a decompression bomb never starts
            throw new RequestRejectedException(
                    415,
                    "unsupported_content_encoding",
                    Optional.empty(),
                    "request bodies must not be content-encoded; send plain JSON (Content-Encoding: identity)",
                    Map.of());
        }
        long declared = ctx.req().getContentLengthLong();
        if (declared > maxBytes) {
            throw RequestRejectedException.payloadTooLarge(maxBytes);
        }
        byte[] body;
        try (InputStream in = ctx.req().getInputStream()) {
            body = read(in, declared, maxBytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read request body", e);
        }
        if (body.length > maxBytes) {
            throw RequestRejectedException.payloadTooLarge(maxBytes);
        }
        if (body.length == 0) {
            throw RequestRejectedException.malformedJson("request body is empty; a JSON object is required");
        }
        JsonNode node;
        try {
            node = ServerJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw RequestRejectedException.malformedJson("request body is not valid JSON" + where);
        } catch (IOException e) {
            throw RequestRejectedException.malformedJson("request body is not valid JSON");
        }
        if (!(node instanceof ObjectNode object)) {
            throw RequestRejectedException.malformedJson("request body must be a JSON object");
        }
        return object;
    }

    /**
     * Up to {@code maxBytes + 1} bytes of the body, as {@code in.readNBytes(maxBytes + 1)} reads them. With a declared
     * length ({@code 0..maxBytes}) the body is read into an array of that size, then one more read checks for the
     * end, instead of through an 8 KiB buffer copied to the body's size on every request.
     */
    static byte[] read(InputStream in, long declared, int maxBytes) throws IOException {
        if (declared < 0 || declared > maxBytes) {
            return in.readNBytes(maxBytes + 1);
        }
        byte[] body = new byte[(int) declared];
        int n = in.readNBytes(body, 0, body.length);
        if (n < body.length) {
            return Arrays.copyOf(body, n);
        }
        int next = in.read();
        if (next < 0) {
            return body;
        }
        // more than declared (a framing a server should not deliver): the rest as the plain read would give it
        byte[] rest = in.readNBytes(maxBytes - body.length);
        byte[] all = Arrays.copyOf(body, body.length + 1 + rest.length);
        all[body.length] = (byte) next;
        System.arraycopy(rest, 0, all, body.length + 1, rest.length);
        return all;
    }

    /** Whether the content type is {@code application/json} or {@code application/*+json}. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String media = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return media.equals("application/json") || (media.startsWith("application/") && media.endsWith("+json"));
    }

    /** Whether a string is clean Unicode text: no NUL and no unpaired surrogate. */
    static boolean isCleanText(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\0') {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }
}
