package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import java.util.Locale;

/** The value of {@code ASTRADESK_ENV}. Production never runs the embedded dev issuer. */
public enum DeploymentEnvironment {
    DEVELOPMENT,
    TEST,
    PRODUCTION;

    /** The wire name, e.g. {@code production}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static DeploymentEnvironment parse(String value) {
        for (DeploymentEnvironment e : values()) {
            if (e.wireName().equalsIgnoreCase(value.trim())) {
                return e;
            }
        }
        throw new ConfigException(
                "ASTRADESK_ENV", "ASTRADESK_ENV must be one of development, test, production; was '" + value + "'");
    }
}
