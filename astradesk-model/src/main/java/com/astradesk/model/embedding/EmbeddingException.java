package com.astradesk.model.embedding;

import com.astradesk.core.AstraDeskException;

/** An embedding model could not be loaded or failed to embed. Carries the model's name. */
public class EmbeddingException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String model;

    /**
     * @param model   the embedding model's name
     * @param message what failed
     * @param cause   the underlying error
     */
    public EmbeddingException(String model, String message, Throwable cause) {
        super("embedding model " + model + ": " + message, cause);
        this.model = model;
    }

    /** The embedding model's name. */
    public String model() {
        return model;
    }
}
