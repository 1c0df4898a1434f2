package com.astradesk.model;

import com.astradesk.core.AstraDeskException;
import java.util.Objects;

/** A model setting is missing or invalid. Names the setting; never echoes a secret's value. */
public class ModelConfigException extends AstraDeskException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the environment variable or parameter at fault
     * @param message what is wrong with it
     */
    public ModelConfigException(String setting, String message) {
        super(setting + ": " + message);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /** The environment variable or parameter at fault. */
    public String setting() {
        return setting;
    }
}
