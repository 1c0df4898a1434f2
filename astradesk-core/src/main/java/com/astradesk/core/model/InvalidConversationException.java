package com.astradesk.core.model;

/**
 * A chat request's conversation is malformed (empty, system message not first, roles out of order, an empty
 * message, too many messages). Not retriable: the caller must fix the request.
 */
public class InvalidConversationException extends ModelException {
    private static final long serialVersionUID = 1L;

    /** @param message what is wrong, naming the offending message's position */
    public InvalidConversationException(String message) {
        super("invalid conversation: " + message);
    }
}
