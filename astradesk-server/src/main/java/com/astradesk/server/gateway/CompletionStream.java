package com.astradesk.server.gateway;

import com.astradesk.core.model.TokenUsage;
import com.astradesk.server.support.internal.EventStreamWriter;
import com.astradesk.server.support.internal.ServerJson;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A streamed chat completion in OpenAI's wire format: {@code data: <chat.completion.chunk>} lines (the first with
 * {@code role: assistant}), a last chunk with the {@code finish_reason}, a usage chunk when asked for, then
 * {@code data: [DONE]}. The 200 goes out with the first chunk, so a call refused before any text is still an
 * ordinary error response; after it, an error is an {@code error} object in a {@code data:} line, as OpenAI sends.
 * A client that goes away stops the writing only. Called by one thread at a time.
 */
final class CompletionStream {
    private static final Logger LOG = LoggerFactory.getLogger(CompletionStream.class);

    private final EventStreamWriter writer;
    private final String id;
    private final long created;
    private final String model;

    CompletionStream(Context ctx, String id, long created, String model) {
        this.writer = new EventStreamWriter(ctx.res(), LOG, "completion stream client went away ({})");
        this.id = id;
        this.created = created;
        this.model = model;
    }

    boolean started() {
        return writer.started();
    }

    /** The next piece of the answer. */
    void delta(String text) {
        Map<String, Object> delta = new LinkedHashMap<>();
        if (!writer.started()) {
            delta.put("role", "assistant");
        }
        delta.put("content", text);
        chunk(delta, null);
    }

    /** The last chunk: the finish reason, then the usage chunk when asked for, then {@code [DONE]}. */
    void finish(String finishReason, TokenUsage usage, boolean includeUsage) {
        if (!writer.started()) {
            delta("");
        }
        chunk(Map.of(), finishReason);
        if (includeUsage) {
            Map<String, Object> body = head();
            body.put("choices", List.of());
            body.put("usage", ChatCompletionRoutes.usage(usage));
            data(ServerJson.write(body));
        }
        data("[DONE]");
    }

    /** Ends a started stream with an OpenAI error object. */
    void fail(OpenAiError error) {
        data(ServerJson.write(error.body()));
    }

    private void chunk(Map<String, Object> delta, String finishReason) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> body = head();
        body.put("choices", List.of(choice));
        data(ServerJson.write(body));
    }

    private Map<String, Object> head() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("object", "chat.completion.chunk");
        body.put("created", created);
        body.put("model", model);
        return body;
    }

    private void data(String json) {
        writer.write("data: " + json + "\n\n");
    }
}
