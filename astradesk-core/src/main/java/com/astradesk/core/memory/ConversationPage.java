package com.astradesk.core.memory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of {@link DialogueStore#conversationsOf}: conversations, latest activity first, and the cursor of
 * the next page, empty when this is the last. Immutable and thread-safe.
 *
 * @param conversations the conversations of the page
 * @param next          pass to {@link DialogueStore#conversationsOf} for the next page
 */
public record ConversationPage(List<ConversationSummary> conversations, Optional<ConversationCursor> next) {
    public ConversationPage {
        conversations = List.copyOf(Objects.requireNonNull(conversations, "conversations"));
        Objects.requireNonNull(next, "next");
    }

    /** The page of {@code limit} out of {@code candidates} (one more than the limit tells there is a next page). */
    public static ConversationPage of(List<ConversationSummary> candidates, int limit) {
        boolean more = candidates.size() > limit;
        List<ConversationSummary> page = more ? candidates.subList(0, limit) : candidates;
        return new ConversationPage(
                page, more ? Optional.of(page.get(page.size() - 1).cursor()) : Optional.empty());
    }
}
