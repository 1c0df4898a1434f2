package com.astradesk.server.auth;

/** Why a bearer token was refused; the wire {@code code} of the 401 problem. */
public enum AuthFailure {
    /** No {@code Authorization: Bearer} header. */
    MISSING_TOKEN("missing_token", "a bearer token is required"),
    /** Malformed, unsigned, wrongly signed, unknown key, disallowed algorithm, or missing required claims. */
    INVALID_TOKEN("invalid_token", "the bearer token is invalid"),
    /** {@code exp} is in the past (beyond the allowed clock skew). */
    TOKEN_EXPIRED("token_expired", "the bearer token has expired"),
    /** {@code iss} is not the configured issuer. */
    INVALID_ISSUER("invalid_issuer", "the bearer token was issued by an untrusted issuer"),
    /** {@code aud} does not contain the configured audience. */
    INVALID_AUDIENCE("invalid_audience", "the bearer token is not meant for this service"),
    /** {@code nbf} is in the future (beyond the allowed clock skew). */
    TOKEN_NOT_YET_VALID("token_not_yet_valid", "the bearer token is not valid yet");

    private final String code;
    private final String description;

    AuthFailure(String code, String description) {
        this.code = code;
        this.description = description;
    }

    /** The wire code, e.g. {@code token_expired}. */
    public String code() {
        return code;
    }

    /** A sentence safe to show the caller. */
    public String description() {
        return description;
    }
}
