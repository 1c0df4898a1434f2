package com.astradesk.tools.ticket;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * How to reach Jira Cloud (REST API v3) for tickets. Immutable; {@link #toString()} hides the token.
 *
 * @param baseUrl    the site, e.g. {@code https://example.atlassian.net}
 * @param projectKey the project tickets are created in and read from, e.g. {@code OPS}
 * @param user       the account's e-mail address (Basic authentication with the API token)
 * @param apiToken   the account's API token
 * @param issueType  the issue type created, e.g. {@code Task}
 * @param timeout    connect and per-request timeout
 */
public record JiraConfig(
        URI baseUrl, String projectKey, String user, String apiToken, String issueType, Duration timeout) {

    /** Jira's project key rule: an upper-case letter, then upper-case letters, digits or underscores. */
    public static final String PROJECT_KEY_PATTERN = "^[A-Z][A-Z0-9_]{1,9}$";

    public JiraConfig {
        Objects.requireNonNull(baseUrl, "baseUrl");
        String scheme = baseUrl.getScheme();
        if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException("baseUrl must be an http or https URL");
        }
        if (projectKey == null || !projectKey.matches(PROJECT_KEY_PATTERN)) {
            throw new IllegalArgumentException("projectKey must be a Jira project key such as OPS, was " + projectKey);
        }
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("user must not be blank");
        }
        if (apiToken == null || apiToken.isBlank()) {
            throw new IllegalArgumentException("apiToken must not be blank");
        }
        if (issueType == null || issueType.isBlank()) {
            throw new IllegalArgumentException("issueType must not be blank");
        }
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /** Issue type {@code Task} and a 10 s timeout. */
    public static JiraConfig of(URI baseUrl, String projectKey, String user, String apiToken) {
        return new JiraConfig(baseUrl, projectKey, user, apiToken, "Task", Duration.ofSeconds(10));
    }

    /** This config with another issue type. */
    public JiraConfig withIssueType(String newIssueType) {
        return new JiraConfig(baseUrl, projectKey, user, apiToken, newIssueType, timeout);
    }

    /** This config with another timeout. */
    public JiraConfig withTimeout(Duration newTimeout) {
        return new JiraConfig(baseUrl, projectKey, user, apiToken, issueType, newTimeout);
    }

    @Override
    public String toString() {
        return "JiraConfig[host=" + baseUrl.getHost() + ", project=" + projectKey + ", issueType=" + issueType
                + ", timeout=" + timeout + ", apiToken=***]";
    }
}
