package com.astradesk.server.security;

import com.astradesk.core.config.ConfigException;
import com.astradesk.core.tool.ArgumentMatcher;
import com.astradesk.core.tool.ArgumentRule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses {@code POLICY_ARGUMENT_RULES}: rules separated by {@code ;} or new lines, each
 * {@code tool.argument=value[|value…]:role[,role…]} (e.g. {@code restart_service.env=prod:sre.prod}); or a
 * path to a file holding such rules ({@code @/etc/astradesk/rules.txt}, or any value naming an existing file).
 * Lines starting with {@code #} are comments. Stateless.
 */
public final class ArgumentRules {
    private static final String VARIABLE = "POLICY_ARGUMENT_RULES";

    private ArgumentRules() {}

    /**
     * The rules in {@code spec} (empty for a blank spec).
     *
     * @throws ConfigException naming {@code POLICY_ARGUMENT_RULES} and the bad entry
     */
    public static List<ArgumentRule> parse(String spec) {
        String text = spec == null ? "" : spec.trim();
        if (text.isEmpty()) {
            return List.of();
        }
        if (text.startsWith("@") || (!text.contains("=") && Files.isRegularFile(Path.of(text)))) {
            Path file = Path.of(text.startsWith("@") ? text.substring(1).trim() : text);
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException | RuntimeException e) {
                throw new ConfigException(VARIABLE, VARIABLE + ": cannot read rules file '" + file + "'");
            }
        }
        List<ArgumentRule> rules = new ArrayList<>();
        for (String raw : text.split("[;\\n]")) {
            String entry = raw.trim();
            if (!entry.isEmpty() && !entry.startsWith("#")) {
                rules.add(rule(entry));
            }
        }
        return List.copyOf(rules);
    }

    private static ArgumentRule rule(String entry) {
        int eq = entry.indexOf('=');
        int colon = entry.lastIndexOf(':');
        int dot = eq < 0 ? -1 : entry.lastIndexOf('.', eq);
        if (eq < 0 || colon < eq || dot <= 0) {
            throw bad(entry);
        }
        String tool = entry.substring(0, dot).trim();
        String argument = entry.substring(dot + 1, eq).trim();
        List<String> values = Arrays.stream(entry.substring(eq + 1, colon).split("\\|"))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        String[] roles = Arrays.stream(entry.substring(colon + 1).split(","))
                .map(String::trim)
                .filter(r -> !r.isEmpty())
                .toArray(String[]::new);
        if (tool.isEmpty() || argument.isEmpty() || values.isEmpty() || roles.length == 0) {
            throw bad(entry);
        }
        return ArgumentRule.of(tool, argument, ArgumentMatcher.anyOf(values), roles);
    }

    private static ConfigException bad(String entry) {
        return new ConfigException(
                VARIABLE, VARIABLE + ": entry '" + entry + "' must look like tool.argument=value[|value]:role[,role]");
    }
}
