package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How the web console at {@code /console} signs people in when an external issuer verifies tokens: OpenID
 * Connect Authorization Code with PKCE against {@code OIDC_ISSUER}, as the public client {@code
 * OIDC_CONSOLE_CLIENT_ID}. Unset, the console offers no sign-in there (embedded mode always uses the dev issuer's
 * form). Immutable.
 *
 * @param oidcIssuer   the issuer the console signs in with ({@code OIDC_ISSUER}), empty in embedded mode
 * @param oidcClientId the console's public client id ({@code OIDC_CONSOLE_CLIENT_ID}), empty for none
 * @param oidcScope    the scopes it asks for ({@code OIDC_CONSOLE_SCOPE}, default {@code openid profile})
 */
public record ConsoleConfig(Optional<String> oidcIssuer, Optional<String> oidcClientId, String oidcScope) {
    /** Default {@code OIDC_CONSOLE_SCOPE}. */
    public static final String DEFAULT_SCOPE = "openid profile";

    private static final Pattern CLIENT_ID = Pattern.compile("[\\x21-\\x7E]{1,256}");
    private static final Pattern SCOPE =
            Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+( [\\x21\\x23-\\x5B\\x5D-\\x7E]+)*");

    public ConsoleConfig {
        oidcIssuer = Objects.requireNonNullElse(oidcIssuer, Optional.empty());
        oidcClientId = Objects.requireNonNullElse(oidcClientId, Optional.empty());
        Objects.requireNonNull(oidcScope, "oidcScope");
    }

    /** No OIDC sign-in (embedded mode, or no console client registered). */
    public static ConsoleConfig none() {
        return new ConsoleConfig(Optional.empty(), Optional.empty(), DEFAULT_SCOPE);
    }

    /** Whether the console signs in with OIDC Authorization Code + PKCE. */
    public boolean oidc() {
        return oidcIssuer.isPresent() && oidcClientId.isPresent();
    }

    /** The issuer's origin ({@code scheme://host[:port]}), which the console's pages may connect to. */
    public Optional<String> issuerOrigin() {
        return oidcIssuer.filter(i -> oidc()).map(ConsoleConfig::origin);
    }

    private static String origin(String url) {
        URI u = URI.create(url);
        return u.getScheme() + "://" + u.getRawAuthority();
    }

    static ConsoleConfig from(EnvReader env, Optional<String> issuer) {
        Optional<String> clientId = env.string("OIDC_CONSOLE_CLIENT_ID");
        String scope = env.string("OIDC_CONSOLE_SCOPE", DEFAULT_SCOPE).trim();
        if (clientId.isPresent() && !CLIENT_ID.matcher(clientId.get()).matches()) {
            throw new ConfigException(
                    "OIDC_CONSOLE_CLIENT_ID",
                    "OIDC_CONSOLE_CLIENT_ID must be 1 to 256 printable characters without spaces");
        }
        if (!SCOPE.matcher(scope).matches() || !(" " + scope + " ").contains(" openid ")) {
            throw new ConfigException(
                    "OIDC_CONSOLE_SCOPE",
                    "OIDC_CONSOLE_SCOPE must be space-separated scope names including openid; was '" + scope + "'");
        }
        if (clientId.isPresent() && issuer.isEmpty()) {
            throw new ConfigException(
                    "OIDC_CONSOLE_CLIENT_ID",
                    "OIDC_CONSOLE_CLIENT_ID needs OIDC_ISSUER (the embedded mode signs in through the dev issuer)");
        }
        if (clientId.isPresent()) {
            try {
                URI u = new URI(issuer.get());
                if (!"https".equals(u.getScheme()) && !"http".equals(u.getScheme()) || u.getRawAuthority() == null) {
                    throw new URISyntaxException(issuer.get(), "not an http(s) URL");
                }
            } catch (URISyntaxException e) {
                throw new ConfigException(
                        "OIDC_ISSUER", "OIDC_ISSUER must be an http(s) URL for the console's sign-in");
            }
        }
        return new ConsoleConfig(clientId.isPresent() ? issuer : Optional.empty(), clientId, scope);
    }
}
