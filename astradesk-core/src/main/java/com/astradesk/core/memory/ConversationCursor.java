package com.astradesk.core.memory;

import java.time.Instant;
import java.util.Objects;

/**
 * A position in an actor's conversation list (newest activity first): the next page holds the conversations
 * that sort after it, i.e. with an earlier last activity, or the same one and a smaller id. Immutable and
 * thread-safe.
 *
 * @param lastActivityAt the last activity of the last conversation already shown
 * @param conversationId the id of that conversation (breaks ties)
 */
public record ConversationCursor(Instant lastActivityAt, String conversationId) {
    public ConversationCursor {
        Objects.requireNonNull(lastActivityAt, "lastActivityAt");
        Objects.requireNonNull(conversationId, "conversationId");
    }

    /** Whether {@code c} sorts after this position (so belongs to the next page). */
    public boolean isBefore(ConversationSummary c) {
        int byTime = c.lastActivityAt().compareTo(lastActivityAt);
        return byTime < 0 || (byTime == 0 && c.conversationId().compareTo(conversationId) < 0);
    }
}
