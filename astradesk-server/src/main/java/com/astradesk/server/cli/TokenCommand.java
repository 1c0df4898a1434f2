package com.astradesk.server.cli;

import com.astradesk.core.config.ConfigException;
import com.astradesk.server.auth.DevIssuer;
import com.astradesk.server.config.AstraDeskConfig;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code token}: mints a dev token with the embedded issuer's persisted key (the one {@code serve} uses from the
 * same {@code ASTRADESK_HOME}) and prints just the token. Refused outside embedded mode.
 */
@Command(
        name = "token",
        mixinStandardHelpOptions = true,
        description = "Print a dev bearer token signed by the embedded issuer (embedded mode only).")
public final class TokenCommand implements Callable<Integer> {
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d{1,9})([smhd]?)");

    @ParentCommand
    private AstraDeskCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--sub", required = true, description = "Subject (user id).")
    private String subject;

    @Option(names = "--roles", split = ",", description = "Comma-separated roles, e.g. sre,it.support.")
    private List<String> roles = List.of();

    @Option(names = "--groups", split = ",", description = "Comma-separated groups.")
    private List<String> groups = List.of();

    @Option(names = "--ttl", defaultValue = "1h", description = "Lifetime: 30m, 1h, 2d, 3600 (seconds) or PT1H.")
    private String ttl;

    @Override
    public Integer call() {
        AstraDeskConfig config = AstraDeskConfig.fromEnv(parent.env());
        if (!config.embeddedAuth()) {
            throw new ConfigException(
                    List.of("OIDC_ISSUER", "ASTRADESK_ENV"),
                    "the token command works only in embedded mode (no OIDC_* variables, ASTRADESK_ENV not"
                            + " production); get tokens from your identity provider instead");
        }
        DevIssuer issuer = DevIssuer.loadOrCreate(config.devIssuer().keyFile());
        spec.commandLine().getOut().println(issuer.mint(subject, roles, groups, parseTtl(ttl)));
        spec.commandLine().getOut().flush();
        return 0;
    }

    static Duration parseTtl(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        Matcher m = SHORT_DURATION.matcher(v);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> Duration.ofSeconds(n);
            };
        }
        try {
            return Duration.parse(value.trim().toUpperCase(Locale.ROOT));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--ttl: cannot read '" + value + "'; use e.g. 30m, 1h, 2d or PT1H");
        }
    }
}
