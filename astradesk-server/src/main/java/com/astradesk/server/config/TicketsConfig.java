package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.tools.ticket.JiraConfig;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Where {@code create_ticket} and {@code get_ticket} keep tickets. Immutable.
 *
 * @param backend {@code TICKETS_BACKEND}: {@code memory}, {@code postgres} (the default with {@code DATABASE_URL})
 *                or {@code jira}
 * @param jira    the Jira Cloud site, project and credentials ({@code JIRA_*}), present exactly for {@code jira}
 */
public record TicketsConfig(Backend backend, Optional<JiraConfig> jira) {

    /** The ticket backends the server can wire. */
    public enum Backend {
        /** This process's memory: lost on restart, not shared by replicas (embedded mode). */
        MEMORY,
        /** Table {@code tickets} in the {@code DATABASE_URL} database. */
        POSTGRES,
        /** Issues of a Jira Cloud project (REST API v3). */
        JIRA;

        /** The value of {@code TICKETS_BACKEND}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TicketsConfig {
        Objects.requireNonNull(backend, "backend");
        jira = Objects.requireNonNullElse(jira, Optional.empty());
        if ((backend == Backend.JIRA) != jira.isPresent()) {
            throw new IllegalArgumentException("jira settings are required exactly for the jira backend");
        }
    }

    static TicketsConfig from(EnvReader env, boolean databaseConfigured) {
        String raw = env.string("TICKETS_BACKEND", databaseConfigured ? "postgres" : "memory")
                .toLowerCase(Locale.ROOT);
        Backend backend = switch (raw) {
            case "memory" -> Backend.MEMORY;
            case "postgres", "postgresql" -> Backend.POSTGRES;
            case "jira" -> Backend.JIRA;
            default ->
                throw new ConfigException(
                        "TICKETS_BACKEND", "TICKETS_BACKEND must be memory, postgres or jira; was '" + raw + "'");
        };
        if (backend == Backend.POSTGRES && !databaseConfigured) {
            throw new ConfigException(
                    List.of("TICKETS_BACKEND", "DATABASE_URL"), "TICKETS_BACKEND=postgres needs DATABASE_URL");
        }
        return new TicketsConfig(backend, backend == Backend.JIRA ? Optional.of(jira(env)) : Optional.empty());
    }

    private static JiraConfig jira(EnvReader env) {
        List<String> missing = new ArrayList<>();
        for (String name : List.of("JIRA_URL", "JIRA_PROJECT", "JIRA_USER", "JIRA_API_TOKEN")) {
            if (env.string(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new ConfigException(missing, "TICKETS_BACKEND=jira needs " + String.join(", ", missing));
        }
        URI url = env.uri("JIRA_URL", Set.of("http", "https")).orElseThrow();
        String project = env.string("JIRA_PROJECT").orElseThrow();
        if (!project.matches(JiraConfig.PROJECT_KEY_PATTERN)) {
            throw new ConfigException(
                    "JIRA_PROJECT",
                    "JIRA_PROJECT must be a Jira project key (upper-case letters, digits, _; 2-10 characters); was '"
                            + project + "'");
        }
        Duration timeout = env.duration("JIRA_TIMEOUT", Duration.ofSeconds(10));
        try {
            return new JiraConfig(
                    url,
                    project,
                    env.string("JIRA_USER").orElseThrow(),
                    env.string("JIRA_API_TOKEN").orElseThrow(),
                    env.string("JIRA_ISSUE_TYPE", "Task"),
                    timeout);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("JIRA_URL", "JIRA_URL: " + e.getMessage());
        }
    }
}
