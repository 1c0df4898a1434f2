package com.astradesk.model.provider;

/** Receives streamed text from a {@link ChatProvider}. */
@FunctionalInterface
public interface TokenSink {

    /**
     * A piece of the answer arrived.
     *
     * @return {@code true} to continue, {@code false} to stop the stream (the provider cancels it and returns)
     */
    boolean onToken(String token);
}
