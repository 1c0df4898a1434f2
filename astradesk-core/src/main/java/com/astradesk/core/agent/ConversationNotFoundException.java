package com.astradesk.core.agent;

import com.astradesk.core.AstraDeskException;

/**
 * A request named a conversation that does not exist or belongs to someone else (the two are not told apart,
 * so that conversation ids cannot be probed). The message names the id, never its owner.
 */
public class ConversationNotFoundException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String conversationId;

    public ConversationNotFoundException(String conversationId) {
        super("conversation '" + conversationId + "' not found");
        this.conversationId = conversationId;
    }

    /** The id that was asked for. */
    public String conversationId() {
        return conversationId;
    }
}
