package com.astradesk.model.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.astradesk.core.model.ChatMessage;
import com.astradesk.core.model.ChatParameters;
import com.astradesk.core.model.InvalidConversationException;
import com.astradesk.model.ChatBounds;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    @Test
    void should_normalize_unicode_and_strip_control_characters() {
        List<ChatMessage> normalized = Conversations.normalize(List.of(ChatMessage.user("  cafe\u0301\u0007 ok\n ")));
        assertThat(normalized.get(0).content()).isEqualTo("café ok");
    }

    @Test
    void should_accept_system_then_alternating_turns_ending_with_user() {
        Conversations.validate(
                List.of(
                        ChatMessage.system("s"),
                        ChatMessage.user("u1"),
                        ChatMessage.assistant("a1"),
                        ChatMessage.user("u2")),
                10);
    }

    @Test
    void should_name_the_first_problem_of_a_malformed_conversation() {
        assertThatThrownBy(() -> Conversations.validate(List.of(), 5)).hasMessageContaining("no messages");
        assertThatThrownBy(() -> Conversations.validate(List.of(ChatMessage.user("a"), ChatMessage.user("b")), 5))
                .isInstanceOf(InvalidConversationException.class)
                .hasMessageContaining("message 1 is user but assistant was expected");
        assertThatThrownBy(() -> Conversations.validate(List.of(ChatMessage.system("s"), ChatMessage.user("")), 5))
                .hasMessageContaining("message 1 (user) is empty");
        assertThatThrownBy(() -> Conversations.validate(List.of(ChatMessage.user("a"), ChatMessage.assistant("b")), 5))
                .hasMessageContaining("last message must be from the user");
        assertThatThrownBy(() -> Conversations.validate(
                        List.of(ChatMessage.user("a"), ChatMessage.assistant("b"), ChatMessage.user("c")), 2))
                .hasMessageContaining("3 messages; the limit is 2");
    }

    @Test
    void should_clamp_parameters_and_fill_defaults() {
        var bounds = new ChatBounds(0.3, 0.8, 0.9, 200);
        assertThat(Conversations.clamp(ChatParameters.defaults(), bounds))
                .isEqualTo(new ChatParameters(Optional.of(0.3), Optional.of(0.9), Optional.of(200)));
        assertThat(Conversations.clamp(new ChatParameters(Optional.of(-1.0), Optional.of(5.0), Optional.of(0)), bounds))
                .isEqualTo(new ChatParameters(Optional.of(0.0), Optional.of(0.9), Optional.of(1)));
    }

    @Test
    void should_read_retry_after_as_seconds_or_http_date() {
        Clock clock = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
        assertThat(RetryAfter.parse("7", clock)).contains(Duration.ofSeconds(7));
        assertThat(RetryAfter.parse("Thu, 26 Nov 2026 10:00:30 GMT", clock)).contains(Duration.ofSeconds(30));
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    }
}
