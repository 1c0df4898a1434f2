package com.astradesk.server.support.internal;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import org.slf4j.Logger;

/**
 * Writes a server-sent event stream to a servlet response: the {@code 200} with {@code text/event-stream}, {@code
 * Cache-Control: no-cache} and {@code X-Accel-Buffering: no} go out with the first frame (so anything refused
 * before it is still an ordinary error response); each frame is flushed at once. A client that goes away is logged
 * once and only stops the writing. Not thread-safe: callers serialize their writes.
 */
public final class EventStreamWriter {
    /** The media type of an event stream. */
    public static final String EVENT_STREAM = "text/event-stream";

    private final HttpServletResponse response;
    private final Logger log;
    private final String goneMessage;
    private OutputStream out;
    private boolean started;
    private boolean gone;

    /**
     * @param response    the response to stream on
     * @param log         where the client's going away is logged (INFO)
     * @param goneMessage the log line, with one {@code {}} for the exception's class name
     */
    public EventStreamWriter(HttpServletResponse response, Logger log, String goneMessage) {
        this.response = Objects.requireNonNull(response, "response");
        this.log = Objects.requireNonNull(log, "log");
        this.goneMessage = Objects.requireNonNull(goneMessage, "goneMessage");
    }

    /** Whether the status and headers are sent (failures must now be written as frames). */
    public boolean started() {
        return started;
    }

    /** Whether the client went away. */
    public boolean gone() {
        return gone;
    }

    /** Writes one frame as is (it must end with the blank line), starting the stream first if needed. */
    public void write(String frame) {
        if (gone) {
            return;
        }
        if (!started) {
            start();
        }
        if (out == null) {
            return;
        }
        try {
            out.write(frame.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            clientGone(e);
        }
    }

    private void start() {
        started = true;
        response.setStatus(200);
        response.setCharacterEncoding("UTF-8");
        response.setContentType(EVENT_STREAM);
        response.setHeader("Cache-Control", "no-cache");
        response.setHeader("X-Accel-Buffering", "no");
        try {
            out = response.getOutputStream();
        } catch (IOException | IllegalStateException e) {
            clientGone(e);
        }
    }

    private void clientGone(Exception e) {
        if (!gone) {
            gone = true;
            log.info(goneMessage, e.getClass().getSimpleName());
        }
    }
}
