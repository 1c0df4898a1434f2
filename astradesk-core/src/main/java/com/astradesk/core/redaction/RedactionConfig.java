package com.astradesk.core.redaction;

import java.util.Collection;
import java.util.HashSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Settings of the {@linkplain Redactor#standard(RedactionConfig) standard redactor}. Immutable and thread-safe; start
 * from {@link #defaults()} and use the {@code with*} copies.
 *
 * <p>The e-mail rule redacts every address it finds, since most are a person's. A functional mailbox a deployment
 * publishes on purpose ({@code security@}, {@code servicedesk@}) is not personal data, and redacting it makes stored
 * answers useless, so the addresses listed here are kept. Each entry is one address ({@code security@corp.example}),
 * matched whole and ignoring case; an entry {@code *@corp.example} keeps every address of exactly that domain (not
 * its subdomains) and is meant only for domains that hold no personal mailboxes.
 *
 * @param allowedEmails the entries, lower case; empty (the default) keeps no address
 */
public record RedactionConfig(Set<String> allowedEmails) {
    private static final Pattern LOCAL = Pattern.compile("[a-z0-9._%+-]{1,64}");
    private static final Pattern DOMAIN = Pattern.compile("[a-z0-9-]{1,63}(?:\\.[a-z0-9-]{1,63}){1,10}");
    private static final RedactionConfig DEFAULTS = new RedactionConfig(Set.of());

    /**
     * @throws NullPointerException     when {@code allowedEmails} or one of its entries is null
     * @throws IllegalArgumentException when an entry is not an address or {@code *@domain}, naming the entry
     */
    public RedactionConfig {
        Objects.requireNonNull(allowedEmails, "allowedEmails");
        var normalized = new TreeSet<String>();
        for (String entry : allowedEmails) {
            normalized.add(normalize(entry));
        }
        allowedEmails = Set.copyOf(normalized);
    }

    /** Redacts every e-mail address: no allowed address. */
    public static RedactionConfig defaults() {
        return DEFAULTS;
    }

    /**
     * A copy keeping exactly these addresses (and {@code *@domain} entries) when they occur in text.
     *
     * @throws NullPointerException     when {@code allowedEmails} or one of its entries is null
     * @throws IllegalArgumentException when an entry is not an address or {@code *@domain}, naming the entry
     */
    public RedactionConfig withAllowedEmails(Collection<String> allowedEmails) {
        Objects.requireNonNull(allowedEmails, "allowedEmails");
        return new RedactionConfig(new HashSet<>(allowedEmails));
    }

    /** Whether {@code address} (as found in text, any case) is allowed to stay. */
    public boolean allowsEmail(String address) {
        if (allowedEmails.isEmpty() || address == null) {
            return false;
        }
        String folded = address.toLowerCase(Locale.ROOT);
        int at = folded.lastIndexOf('@');
        return allowedEmails.contains(folded) || (at > 0 && allowedEmails.contains("*" + folded.substring(at)));
    }

    private static String normalize(String entry) {
        Objects.requireNonNull(entry, "allowedEmails entry");
        String folded = entry.trim().toLowerCase(Locale.ROOT);
        int at = folded.indexOf('@');
        boolean valid = at > 0
                && folded.indexOf('@', at + 1) < 0
                && (folded.substring(0, at).equals("*")
                        || LOCAL.matcher(folded.substring(0, at)).matches())
                && DOMAIN.matcher(folded.substring(at + 1)).matches();
        if (!valid) {
            throw new IllegalArgumentException(
                    "allowedEmails: '" + entry + "' is neither an e-mail address nor *@domain");
        }
        return folded;
    }
}
