package com.astradesk.core.model;

import com.astradesk.core.AstraDeskException;

/** Base of every model-gateway failure; subclasses name the condition (timeout, overloaded, ...). */
public class ModelException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
