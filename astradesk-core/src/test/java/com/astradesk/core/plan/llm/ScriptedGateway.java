package com.astradesk.core.plan.llm;

import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelGateway;
import com.astradesk.core.model.TokenUsage;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/** A fake gateway answering from a script of texts or exceptions, recording every request. */
final class ScriptedGateway implements ModelGateway {
    private final Deque<Object> script = new ArrayDeque<>();
    final List<ChatRequest> requests = new ArrayList<>();

    ScriptedGateway answer(String content) {
        script.add(content);
        return this;
    }

    ScriptedGateway fail(RuntimeException error) {
        script.add(error);
        return this;
    }

    @Override
    public synchronized ChatResponse chat(ChatRequest request) {
        requests.add(request);
        Object next = script.poll();
        if (next == null) {
            throw new AssertionError("unexpected model call #" + requests.size());
        }
        if (next instanceof RuntimeException e) {
            throw e;
        }
        return new ChatResponse((String) next, new TokenUsage(10, 5), "fake", "fake-model");
    }

    @Override
    public ChatResponse stream(ChatRequest request, Consumer<String> onToken) {
        throw new UnsupportedOperationException("the planner does not stream");
    }

    @Override
    public String provider() {
        return "fake";
    }
}
