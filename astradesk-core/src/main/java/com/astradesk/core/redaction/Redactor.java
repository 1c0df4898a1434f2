package com.astradesk.core.redaction;

import com.astradesk.core.redaction.internal.DefaultRedactor;
import com.astradesk.core.redaction.internal.StandardRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Removes secrets and personal data from text before it is logged, stored or traced: e-mail addresses, phone
 * numbers, JWTs and bearer tokens, API keys, {@code key=value} and JSON secrets, credentials in URLs, PEM
 * blocks, card numbers (Luhn-checked), IBANs (mod-97-checked) and PESEL numbers (checksum-checked). Each finding
 * becomes a marker such as {@code [REDACTED:email]}. One redactor serves logs, stored dialogues, audit
 * arguments and trace attributes. Implementations are thread-safe and linear in the input length.
 */
public interface Redactor {

    /**
     * Redacts one text.
     *
     * @param text any text, or null
     * @return the text with every finding replaced by its marker; null for null
     */
    String redact(String text);

    /**
     * Redacts a JSON-like value deeply: strings are redacted, maps and lists are copied with their elements
     * redacted, numbers that redact to something else (a card number, a PESEL) become the marker, and any value
     * under a secret-looking key ({@code password}, {@code api_key}, {@code token} ...) becomes
     * {@code [REDACTED:secret]}. Other values are returned as they are. Never modifies its input.
     */
    Object redactValue(Object value);

    /** {@link #redactValue} for a map of arguments; returns a new, unmodifiable, order-preserving map. */
    @SuppressWarnings("unchecked")
    default Map<String, Object> redactMap(Map<String, ?> values) {
        return (Map<String, Object>) redactValue(values == null ? Map.of() : values);
    }

    /** The stock rules (the kinds listed on this interface), compiled once; a shared, stateless instance. */
    static Redactor standard() {
        return DefaultRedactor.STANDARD;
    }

    /**
     * The stock rules with {@code config} applied: the e-mail rule keeps the addresses {@link
     * RedactionConfig#allowedEmails()} lists (a team's role mailboxes) and redacts every other. Compiled per call;
     * keep the instance.
     *
     * @throws NullPointerException when {@code config} is null
     */
    static Redactor standard(RedactionConfig config) {
        Objects.requireNonNull(config, "config");
        return config.allowedEmails().isEmpty() ? standard() : new DefaultRedactor(StandardRules.all(config));
    }

    /** A redactor running {@code rules} in order. */
    static Redactor of(List<RedactionRule> rules) {
        return new DefaultRedactor(rules);
    }

    /** The stock rules followed by {@code extra}. */
    static Redactor standardWith(List<RedactionRule> extra) {
        var rules = new java.util.ArrayList<>(StandardRules.all());
        rules.addAll(extra);
        return new DefaultRedactor(rules);
    }

    /**
     * Masks an e-mail address for logs: first character of the local part and the domain, e.g.
     * {@code john.doe@example.com} → {@code j***@example.com}. Anything that is not an address gives {@code ***}.
     */
    static String maskEmail(String email) {
        if (email == null) {
            return "***";
        }
        int at = email.lastIndexOf('@');
        if (at <= 0 || at == email.length() - 1) {
            return "***";
        }
        return email.charAt(0) + "***" + email.substring(at);
    }

    /**
     * Reduces token claims to what logs may carry: {@code sub} and, when present, the masked {@code email}.
     *
     * @param claims verified claims, or null
     * @return a new map with at most {@code sub} and {@code email}
     */
    static Map<String, Object> claimsForLog(Map<String, ?> claims) {
        var out = new LinkedHashMap<String, Object>();
        if (claims == null) {
            return out;
        }
        Object sub = claims.get("sub");
        if (sub != null) {
            out.put("sub", sub.toString());
        }
        Object email = claims.get("email");
        if (email != null) {
            out.put("email", maskEmail(email.toString()));
        }
        return out;
    }
}
