package com.astradesk.server.config;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.config.EnvReader;
import com.astradesk.core.redaction.RedactionConfig;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Traffic and safety settings: rate limits, idempotency, approvals and argument-level policy rules. Immutable.
 *
 * @param ratePerMinute        {@code RATE_LIMIT_PER_MINUTE}: requests per minute per principal (default 60)
 * @param roleRatesPerMinute   {@code RATE_LIMIT_ROLES}: per-role limits, e.g. {@code sre=300,approver=120}
 * @param executePerMinute     {@code RATE_LIMIT_EXECUTE_PER_MINUTE}: calls per minute per principal of each
 *                             {@code execute} tool (default 10)
 * @param failClosed           {@code RATE_LIMIT_FAILURE_MODE}: {@code closed} refuses requests when Redis is down,
 *                             {@code open} (default) lets them through
 * @param idempotencyTtl       {@code IDEMPOTENCY_TTL}: how long idempotency records are kept (default 24h)
 * @param approvalTools        {@code APPROVAL_REQUIRED_TOOLS}: tools whose calls need an approval; {@code none}
 *                             for none. Unset: in production the tools that declare it ({@code
 *                             ToolDescriptor.approvalInProduction}, e.g. {@code restart_service}), none otherwise
 * @param approvalsAsDeclared  whether the tools' own declaration decides (production with
 *                             {@code APPROVAL_REQUIRED_TOOLS} unset); then {@code approvalTools} is empty
 * @param approvalTtl          {@code APPROVAL_TTL}: how long an approval waits (default 1h)
 * @param argumentRules        {@code POLICY_ARGUMENT_RULES}: rules such as {@code restart_service.env=prod:sre.prod},
 *                             or {@code @/path/to/file} with one rule per line
 * @param rateLeaseFraction    {@code RATE_LIMIT_LEASE_FRACTION}: share of a shared (Redis) bucket one replica may
 *                             take per Redis call and hand out from memory for a second (default 0.01; 0 = a Redis
 *                             call per request); limits are never exceeded, only tightened by unused leases
 * @param redaction            {@code REDACTION_ALLOWED_EMAILS}: role mailboxes the redactor keeps in stored dialogues,
 *                             audit records, logs and traces (comma-separated addresses or {@code *@domain}; {@code
 *                             none} for none; default {@value #DEFAULT_ALLOWED_EMAILS}, the demo knowledge base's)
 */
public record SecurityConfig(
        int ratePerMinute,
        Map<String, Integer> roleRatesPerMinute,
        int executePerMinute,
        boolean failClosed,
        Duration idempotencyTtl,
        Set<String> approvalTools,
        boolean approvalsAsDeclared,
        Duration approvalTtl,
        String argumentRules,
        double rateLeaseFraction,
        RedactionConfig redaction) {

    public SecurityConfig {
        roleRatesPerMinute = Map.copyOf(roleRatesPerMinute);
        Objects.requireNonNull(idempotencyTtl, "idempotencyTtl");
        approvalTools = Set.copyOf(approvalTools);
        Objects.requireNonNull(approvalTtl, "approvalTtl");
        Objects.requireNonNull(argumentRules, "argumentRules");
        if (!(rateLeaseFraction >= 0 && rateLeaseFraction <= 0.5)) {
            throw new IllegalArgumentException("rateLeaseFraction must be 0..0.5, was " + rateLeaseFraction);
        }
        Objects.requireNonNull(redaction, "redaction");
    }

    /**
     * Default {@code REDACTION_ALLOWED_EMAILS}: the security team's mailbox the bundled knowledge base ({@code docs/kb})
     * publishes. Only that address, not its domain.
     */
    public static final String DEFAULT_ALLOWED_EMAILS = "security@astradesk.example";

    /** Default {@code RATE_LIMIT_LEASE_FRACTION}. */
    public static final double DEFAULT_RATE_LEASE_FRACTION = 0.01;

    /** How long a replica may hand out leased tokens. */
    public static final Duration RATE_LEASE_TTL = Duration.ofSeconds(1);

    /** The defaults for an environment (see the component docs). */
    public static SecurityConfig defaults(DeploymentEnvironment environment) {
        return from(new EnvReader(Map.of()), environment);
    }

    /**
     * {@code RATE_LIMIT_FAILURE_MODE}: whether rate limits (and the gateway's token budgets) refuse calls while Redis
     * is down ({@code closed}) rather than let them through ({@code open}, the default).
     */
    static boolean failClosed(EnvReader env) {
        String mode = env.string("RATE_LIMIT_FAILURE_MODE", "open").toLowerCase(Locale.ROOT);
        if (!mode.equals("open") && !mode.equals("closed")) {
            throw new ConfigException(
                    "RATE_LIMIT_FAILURE_MODE", "RATE_LIMIT_FAILURE_MODE must be open or closed; was '" + mode + "'");
        }
        return mode.equals("closed");
    }

    static SecurityConfig from(EnvReader env, DeploymentEnvironment environment) {
        int perMinute = env.integer("RATE_LIMIT_PER_MINUTE", 60, 1, 1_000_000);
        int execute = env.integer("RATE_LIMIT_EXECUTE_PER_MINUTE", 10, 1, 1_000_000);
        boolean failClosed = failClosed(env);
        var configuredTools = env.string("APPROVAL_REQUIRED_TOOLS").map(SecurityConfig::names);
        boolean asDeclared = configuredTools.isEmpty() && environment == DeploymentEnvironment.PRODUCTION;
        return new SecurityConfig(
                perMinute,
                roleRates(env.string("RATE_LIMIT_ROLES").orElse("")),
                execute,
                failClosed,
                env.duration("IDEMPOTENCY_TTL", Duration.ofHours(24)),
                configuredTools.orElse(Set.of()),
                asDeclared,
                env.duration("APPROVAL_TTL", Duration.ofHours(1)),
                env.string("POLICY_ARGUMENT_RULES").orElse(""),
                env.decimal("RATE_LIMIT_LEASE_FRACTION", DEFAULT_RATE_LEASE_FRACTION, 0, 0.5),
                redaction(env.string("REDACTION_ALLOWED_EMAILS", DEFAULT_ALLOWED_EMAILS)));
    }

    private static RedactionConfig redaction(String raw) {
        try {
            return RedactionConfig.defaults().withAllowedEmails(names(raw));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(
                    "REDACTION_ALLOWED_EMAILS",
                    "REDACTION_ALLOWED_EMAILS must be comma-separated e-mail addresses or *@domain entries, or none; "
                            + e.getMessage().replace("allowedEmails: ", ""));
        }
    }

    private static Set<String> names(String raw) {
        if (raw.trim().equalsIgnoreCase("none")) {
            return Set.of();
        }
        var out = new TreeSet<String>();
        Arrays.stream(raw.split(","))
                .map(String::trim)
                .filter(s -> !s.isEmpty())
                .forEach(out::add);
        return out;
    }

    private static Map<String, Integer> roleRates(String raw) {
        var out = new LinkedHashMap<String, Integer>();
        for (String part : raw.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            try {
                int n = Integer.parseInt(kv.length == 2 ? kv[1].trim() : "");
                if (kv[0].isBlank() || n < 1) {
                    throw new NumberFormatException();
                }
                out.put(kv[0].trim().toLowerCase(Locale.ROOT), n);
            } catch (NumberFormatException e) {
                throw new ConfigException(
                        "RATE_LIMIT_ROLES",
                        "RATE_LIMIT_ROLES must look like role=perMinute[,role=perMinute]; bad entry '" + part.trim()
                                + "'");
            }
        }
        return out;
    }
}
