package com.astradesk.core.knowledge.internal;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The few front-matter keys ingestion understands, read from a leading {@code ---} block: {@code acl} as a
 * flow list ({@code acl: [sre, ops]}), a comma list ({@code acl: sre, ops}) or a block list ({@code - sre}).
 * Other keys are ignored. Immutable.
 *
 * @param acl  the groups named by {@code acl}, lower-case, when the key is present
 * @param body the document without its front matter
 */
public record FrontMatter(Optional<Set<String>> acl, String body) {

    /** Splits {@code text} into front matter and body; text without a closed front-matter block is all body. */
    public static FrontMatter parse(String text) {
        if (!text.startsWith("---\n")) {
            return new FrontMatter(Optional.empty(), text);
        }
        int end = -1;
        int pos = 4;
        while (pos <= text.length()) {
            int nl = text.indexOf('\n', pos);
            String line = (nl < 0 ? text.substring(pos) : text.substring(pos, nl)).strip();
            if (line.equals("---") || line.equals("...")) {
                end = nl < 0 ? text.length() : nl + 1;
                break;
            }
            if (nl < 0) {
                break;
            }
            pos = nl + 1;
        }
        if (end < 0) {
            return new FrontMatter(Optional.empty(), text);
        }
        String header = text.substring(4, end).replaceFirst("(?m)^\\s*(---|\\.\\.\\.)\\s*$\\n?", "");
        return new FrontMatter(readAcl(header), text.substring(end));
    }

    private static Optional<Set<String>> readAcl(String header) {
        String[] lines = header.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (!line.startsWith("acl:")) {
                continue;
            }
            Set<String> groups = new LinkedHashSet<>();
            String value = line.substring(4).strip();
            if (value.isEmpty()) {
                for (int j = i + 1; j < lines.length && lines[j].strip().startsWith("-"); j++) {
                    add(groups, lines[j].strip().substring(1));
                }
            } else {
                if (value.startsWith("[") && value.endsWith("]")) {
                    value = value.substring(1, value.length() - 1);
                }
                for (String g : value.split(",")) {
                    add(groups, g);
                }
            }
            return Optional.of(Set.copyOf(groups));
        }
        return Optional.empty();
    }

    private static void add(Set<String> groups, String raw) {
        String g = raw.strip();
        if (g.length() >= 2 && ((g.startsWith("\"") && g.endsWith("\"")) || (g.startsWith("'") && g.endsWith("'")))) {
            g = g.substring(1, g.length() - 1).strip();
        }
        if (!g.isEmpty()) {
            groups.add(g.toLowerCase(Locale.ROOT));
        }
    }
}
