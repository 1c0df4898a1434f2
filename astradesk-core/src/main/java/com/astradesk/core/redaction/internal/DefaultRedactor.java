package com.astradesk.core.redaction.internal;

import com.astradesk.core.redaction.RedactionRule;
import com.astradesk.core.redaction.Redactor;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;

/** Runs rules in order over the text. Immutable and thread-safe. */
public final class DefaultRedactor implements Redactor {
    /** The stock redactor. */
    public static final Redactor STANDARD = new DefaultRedactor(StandardRules.all());

    private static final String SECRET_MARKER = "[REDACTED:secret]";

    private final List<RedactionRule> rules;

    public DefaultRedactor(List<RedactionRule> rules) {
        this.rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
    }

    @Override
    public String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (RedactionRule rule : rules) {
            if (rule.mayMatch(out)) {
                out = apply(rule, out);
            }
        }
        return out;
    }

    @Override
    public Object redactValue(Object value) {
        if (value == null || value instanceof Boolean) {
            return value;
        }
        if (value instanceof CharSequence s) {
            return redact(s.toString());
        }
        if (value instanceof Number n) {
            String text = n.toString();
            String redacted = redact(text);
            return redacted.equals(text) ? value : redacted;
        }
        if (value instanceof Map<?, ?> map) {
            var out = new LinkedHashMap<String, Object>();
            map.forEach((k, v) -> {
                String key = String.valueOf(k);
                out.put(
                        key,
                        isScalar(v) && SecretKeys.isSecret(key, String.valueOf(v)) ? SECRET_MARKER : redactValue(v));
            });
            return Collections.unmodifiableMap(out);
        }
        if (value instanceof Collection<?> c) {
            var out = new ArrayList<Object>(c.size());
            c.forEach(v -> out.add(redactValue(v)));
            return Collections.unmodifiableList(out);
        }
        if (value instanceof Optional<?> o) {
            return o.map(this::redactValue);
        }
        if (value.getClass().isArray() && !value.getClass().getComponentType().isPrimitive()) {
            var out = new ArrayList<Object>();
            for (int i = 0; i < Array.getLength(value); i++) {
                out.add(redactValue(Array.get(value, i)));
            }
            return Collections.unmodifiableList(out);
        }
        return value;
    }

    private static boolean isScalar(Object v) {
        return v instanceof CharSequence || v instanceof Number;
    }

    private static String apply(RedactionRule rule, String text) {
        Matcher m = rule.pattern().matcher(text);
        boolean hasSecretGroup = rule.pattern().pattern().contains("(?<secret>");
        StringBuilder out = null;
        int last = 0;
        while (m.find()) {
            if (!rule.accept().test(m)) {
                continue;
            }
            int start = hasSecretGroup && m.start("secret") >= 0 ? m.start("secret") : m.start();
            int end = hasSecretGroup && m.start("secret") >= 0 ? m.end("secret") : m.end();
            if (out == null) {
                out = new StringBuilder(text.length());
            }
            out.append(text, last, start).append(rule.marker());
            last = end;
        }
        if (out == null) {
            return text;
        }
        return out.append(text, last, text.length()).toString();
    }
}
