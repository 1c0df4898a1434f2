package com.astradesk.core.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * One conversation of an actor as listed by {@link DialogueStore#conversationsOf}: its id, the agent of its
 * latest turn, a title (the start of its first question), how many turns it has and when it started and last
 * moved. Immutable and thread-safe.
 *
 * @param conversationId the conversation
 * @param agent          the agent of the latest turn
 * @param title          the first question, cut to {@value #TITLE_LENGTH} characters (code points)
 * @param turns          how many runs the conversation holds (at least 1)
 * @param startedAt      when the first turn was stored
 * @param lastActivityAt when the latest turn was stored; the list is ordered by it
 */
public record ConversationSummary(
        String conversationId, String agent, String title, int turns, Instant startedAt, Instant lastActivityAt) {
    /** Longest title, in code points. */
    public static final int TITLE_LENGTH = 120;

    public ConversationSummary {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(agent, "agent");
        Objects.requireNonNull(title, "title");
        if (turns < 1) {
            throw new IllegalArgumentException("turns must be >= 1, was " + turns);
        }
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
    }

    /** The start of {@code question} used as a title: at most {@value #TITLE_LENGTH} code points. */
    public static String titleOf(String question) {
        Objects.requireNonNull(question, "question");
        int cut = question.offsetByCodePoints(0, Math.min(TITLE_LENGTH, question.codePointCount(0, question.length())));
        return question.substring(0, cut);
    }

    /** The position right after this conversation in the list, to ask for the next page. */
    public ConversationCursor cursor() {
        return new ConversationCursor(lastActivityAt, conversationId);
    }
}
