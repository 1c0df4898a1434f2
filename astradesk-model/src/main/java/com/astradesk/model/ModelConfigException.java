package com.astradesk.model;

import com.astradesk.core.config.ConfigException;
import java.util.List;
import java.util.Objects;

/**
 * A model setting is missing or invalid. Names the setting (the environment variable when read from the
 * environment, else the parameter); never echoes a secret's value.
 */
public class ModelConfigException extends ConfigException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    /**
     * @param setting the environment variable or parameter at fault
     * @param message what is wrong with it (prefixed with {@code setting: } unless it already starts with it)
     */
    public ModelConfigException(String setting, String message) {
        super(List.of(setting), message.startsWith(setting) ? message : setting + ": " + message);
        this.setting = Objects.requireNonNull(setting, "setting");
    }

    /** The environment variable or parameter at fault. */
    public String setting() {
        return setting;
    }
}
