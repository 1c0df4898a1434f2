package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Where the embedded dev issuer keeps its key pair, so {@code serve} and {@code token} share it. Immutable.
 *
 * @param home the AstraDesk home ({@code ASTRADESK_HOME}, default the working directory)
 */
public record DevIssuerConfig(Path home) {
    public DevIssuerConfig {
        Objects.requireNonNull(home, "home");
    }

    /** The key file: {@code <home>/var/dev-issuer/jwk.json}. */
    public Path keyFile() {
        return home.resolve("var").resolve("dev-issuer").resolve("jwk.json");
    }

    static DevIssuerConfig from(EnvReader env) {
        String home = env.string("ASTRADESK_HOME", "");
        try {
            return new DevIssuerConfig(
                    home.isEmpty()
                            ? Path.of("").toAbsolutePath()
                            : Path.of(home).toAbsolutePath());
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("ASTRADESK_HOME", "ASTRADESK_HOME is not a valid path: " + e.getReason());
        }
    }
}
