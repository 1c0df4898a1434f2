package com.astradesk.server.http;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Files of one class-path directory served by name (no sub-directories, no {@code ..}), read once and kept in
 * memory, with their content type. What is not there is the ordinary {@code 404 not_found}. Thread-safe.
 */
final class WebAssets {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9]+)+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "mjs", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "json", "application/json",
            "png", "image/png",
            "svg", "image/svg+xml",
            "ico", "image/x-icon");

    private final String directory;
    private final Map<String, Optional<byte[]>> cache = new ConcurrentHashMap<>();

    /** Serves the files of class-path {@code directory} (absolute, e.g. {@code /com/astradesk/server/web}). */
    WebAssets(String directory) {
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Answers {@code name} with its bytes and type, or 404 when it is not a file of this directory. */
    void send(Context ctx, String name) {
        byte[] bytes = find(name)
                .orElseThrow(() -> new RequestRejectedException(
                        404, "not_found", Optional.empty(), "no route matches GET " + ctx.path(), Map.of()));
        ctx.header("Cache-Control", "no-cache");
        ctx.contentType(TYPES.get(extension(name))).result(bytes);
    }

    /** The file's bytes, when {@code name} is a plain file name of a known type that exists. */
    Optional<byte[]> find(String name) {
        if (!NAME.matcher(name).matches() || !TYPES.containsKey(extension(name))) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(name, this::load);
    }

    private Optional<byte[]> load(String name) {
        String path = directory + "/" + name;
        try (InputStream in = WebAssets.class.getResourceAsStream(path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    private static String extension(String name) {
        return name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    }
}
