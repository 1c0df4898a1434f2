package com.astradesk.model.internal;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatParameters;
import com.astradesk.core.model.ChatRequest;
import com.astradesk.core.model.ChatRole;
import com.astradesk.core.model.InvalidConversationException;
import com.astradesk.model.ChatBounds;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The first steps of the gateway template: normalize, validate, clamp. Stateless. */
final class Conversations {
    /** Control characters other than tab, line feed and carriage return. */
    private static final Pattern CONTROL = Pattern.compile("[\\p{Cc}&&[^\\t\\n\\r]]");

    private static final double MIN_TOP_P = 0.01;

    private Conversations() {}

    /** Unicode NFC, control characters removed, surrounding whitespace trimmed. */
    static List<ChatMessage> normalize(List<ChatMessage> messages) {
        var out = new ArrayList<ChatMessage>(messages.size());
        for (ChatMessage m : messages) {
            String text = Normalizer.normalize(m.content(), Normalizer.Form.NFC);
            text = CONTROL.matcher(text).replaceAll("").strip();
            out.add(new ChatMessage(m.role(), text));
        }
        return out;
    }

    /**
     * Checks the conversation: not empty, at most {@code maxMessages}, an optional system message only first,
     * then user and assistant alternating starting and ending with the user, no empty message.
     *
     * @throws InvalidConversationException naming the first problem and its position
     */
    static void validate(List<ChatMessage> messages, int maxMessages) {
        if (messages.isEmpty()) {
            throw new InvalidConversationException("no messages");
        }
        if (messages.size() > maxMessages) {
            throw new InvalidConversationException(messages.size() + " messages; the limit is " + maxMessages);
        }
        int start = messages.get(0).role() == ChatRole.SYSTEM ? 1 : 0;
        if (start == messages.size()) {
            throw new InvalidConversationException("a system message alone; a user message must follow");
        }
        for (int i = 0; i < messages.size(); i++) {
            ChatMessage m = messages.get(i);
            if (m.content().isEmpty()) {
                throw new InvalidConversationException("message " + i + " (" + role(m) + ") is empty");
            }
            if (i >= start) {
                ChatRole expected = (i - start) % 2 == 0 ? ChatRole.USER : ChatRole.ASSISTANT;
                if (m.role() != expected) {
                    throw new InvalidConversationException("message " + i + " is " + role(m) + " but "
                            + expected.name().toLowerCase(java.util.Locale.ROOT) + " was expected"
                            + (m.role() == ChatRole.SYSTEM ? " (the system message must come first)" : ""));
                }
            }
        }
        if (messages.get(messages.size() - 1).role() != ChatRole.USER) {
            throw new InvalidConversationException("the last message must be from the user");
        }
    }

    /** Every parameter present and within the bounds. */
    static ChatParameters clamp(ChatParameters parameters, ChatBounds bounds) {
        double temperature = parameters
                .temperature()
                .map(t -> clamp(t, 0.0, bounds.maxTemperature()))
                .orElse(bounds.defaultTemperature());
        Optional<Double> topP = parameters.topP().map(p -> clamp(p, MIN_TOP_P, bounds.maxTopP()));
        if (topP.isEmpty() && bounds.maxTopP() < 1.0) {
            topP = Optional.of(bounds.maxTopP());
        }
        int maxTokens = parameters
                .maxTokens()
                .map(n -> (int) clamp(n, 1, bounds.maxTokens()))
                .orElse(bounds.maxTokens());
        return new ChatParameters(Optional.of(temperature), topP, Optional.of(maxTokens));
    }

    /** The request normalized, validated and clamped. */
    static ChatRequest prepare(ChatRequest request, ChatBounds bounds, int maxMessages) {
        List<ChatMessage> messages = normalize(request.messages());
        validate(messages, maxMessages);
        return new ChatRequest(messages, clamp(request.parameters(), bounds), request.responseSchema());
    }

    private static double clamp(double value, double min, double max) {
        if (Double.isNaN(value)) {
            return min;
        }
        return Math.max(min, Math.min(max, value));
    }

    private static String role(ChatMessage m) {
        return m.role().name().toLowerCase(java.util.Locale.ROOT);
    }
}
