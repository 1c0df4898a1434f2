package com.astradesk.model.internal;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatResponse;
import com.astradesk.core.model.ModelException;
import com.astradesk.core.model.ModelTimeoutException;
import com.astradesk.core.model.TokenUsage;
import com.astradesk.model.provider.ChatProvider;
import com.astradesk.model.provider.TokenSink;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A {@link ChatProvider} over a langchain4j chat model pair: the same adapter serves OpenAI, vLLM, Ollama and
 * Bedrock, which differ only in how their langchain4j models are built ({@link ProviderFactory}). The models
 * must be built with their own retries switched off. Thread-safe.
 */
final class LangChain4jChatProvider implements ChatProvider {
    private final String name;
    private final String model;
    private final ChatModel chatModel;
    private final StreamingChatModel streamingModel;
    private final boolean jsonMode;
    private final Duration timeout;
    private final Function<Throwable, Optional<ModelException>> specificErrors;

    LangChain4jChatProvider(
            String name,
            String model,
            ChatModel chatModel,
            StreamingChatModel streamingModel,
            boolean jsonMode,
            Duration timeout) {
        this(name, model, chatModel, streamingModel, jsonMode, timeout, failure -> Optional.empty());
    }

    /** With {@code specificErrors} consulted before the generic mapping (e.g. AWS SDK exceptions). */
    LangChain4jChatProvider(
            String name,
            String model,
            ChatModel chatModel,
            StreamingChatModel streamingModel,
            boolean jsonMode,
            Duration timeout,
            Function<Throwable, Optional<ModelException>> specificErrors) {
        this.specificErrors = Objects.requireNonNull(specificErrors, "specificErrors");
        this.name = Objects.requireNonNull(name, "name");
        this.model = Objects.requireNonNull(model, "model");
        this.chatModel = Objects.requireNonNull(chatModel, "chatModel");
        this.streamingModel = Objects.requireNonNull(streamingModel, "streamingModel");
        this.jsonMode = jsonMode;
        this.timeout = Objects.requireNonNull(timeout, "timeout");
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String model() {
        return model;
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        dev.langchain4j.model.chat.response.ChatResponse response;
        try {
            response = chatModel.chat(toLangChain4j(request));
        } catch (RuntimeException e) {
            throw map(e);
        }
        String text = response.aiMessage() == null ? null : response.aiMessage().text();
        return new ChatResponse(text == null ? "" : text, usage(response), name, model);
    }

    @Override
    public ChatResponse doStream(ChatRequest request, TokenSink sink) {
        var done = new CompletableFuture<ChatResponse>();
        var text = new StringBuilder();
        var handle = new AtomicReference<StreamingHandle>();
        streamingModel.chat(toLangChain4j(request), new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(PartialResponse partial, PartialResponseContext context) {
                handle.compareAndSet(null, context.streamingHandle());
                if (done.isDone() || partial.text() == null || partial.text().isEmpty()) {
                    return;
                }
                text.append(partial.text());
                if (!sink.onToken(partial.text())) {
                    context.streamingHandle().cancel();
                    done.complete(new ChatResponse(text.toString(), TokenUsage.NONE, name, model));
                }
            }

            @Override
            public void onPartialResponse(String partial) {
                if (done.isDone() || partial == null || partial.isEmpty()) {
                    return;
                }
                text.append(partial);
                if (!sink.onToken(partial)) {
                    done.complete(new ChatResponse(text.toString(), TokenUsage.NONE, name, model));
                }
            }

            @Override
            public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse response) {
                done.complete(new ChatResponse(text.toString(), usage(response), name, model));
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        try {
            return done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (handle.get() != null) {
                handle.get().cancel();
            }
            throw new ModelTimeoutException(name, timeout);
        } catch (ExecutionException e) {
            throw map(e.getCause() == null ? e : e.getCause());
        }
    }

    private ModelException map(Throwable failure) {
        return specificErrors.apply(failure).orElseGet(() -> ProviderErrors.map(name, timeout, failure));
    }

    private dev.langchain4j.model.chat.request.ChatRequest toLangChain4j(ChatRequest request) {
        List<dev.langchain4j.data.message.ChatMessage> messages = request.messages().stream()
                .map(LangChain4jChatProvider::toLangChain4j)
                .toList();
        var parameters = ChatRequestParameters.builder();
        request.parameters().temperature().ifPresent(parameters::temperature);
        request.parameters().topP().ifPresent(parameters::topP);
        request.parameters().maxTokens().ifPresent(parameters::maxOutputTokens);
        if (jsonMode && request.responseSchema().isPresent()) {
            parameters.responseFormat(ResponseFormat.JSON);
        }
        return dev.langchain4j.model.chat.request.ChatRequest.builder()
                .messages(messages)
                .parameters(parameters.build())
                .build();
    }

    private static dev.langchain4j.data.message.ChatMessage toLangChain4j(ChatMessage message) {
        return switch (message.role()) {
            case SYSTEM -> SystemMessage.from(message.content());
            case USER -> UserMessage.from(message.content());
            case ASSISTANT -> AiMessage.from(message.content());
        };
    }

    private static TokenUsage usage(dev.langchain4j.model.chat.response.ChatResponse response) {
        var usage = response == null ? null : response.tokenUsage();
        if (usage == null) {
            return TokenUsage.NONE;
        }
        return new TokenUsage(
                Objects.requireNonNullElse(usage.inputTokenCount(), 0),
                Objects.requireNonNullElse(usage.outputTokenCount(), 0));
    }
}
