package com.astradesk.core.json.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JSON Schema compiled to checks over plain Java values (maps, lists, strings, numbers, booleans, null) — the
 * common subset tool schemas use: {@code type}, {@code enum}, {@code const}, {@code properties}, {@code required},
 * {@code additionalProperties}, {@code items}, {@code minItems}/{@code maxItems}, {@code minLength}/{@code
 * maxLength}, {@code pattern}, {@code minimum}/{@code maximum}/{@code exclusiveMinimum}/{@code exclusiveMaximum},
 * plus annotations. A schema with any other keyword does not compile ({@link #compile} is empty).
 *
 * <p>{@link #accepts} is conservative: {@code true} only when the value is certainly valid under draft 2020-12 as
 * the full validator applies it; anything it cannot decide (a float where an integer is required, a value that is
 * no plain JSON value, a string with a line break under a pattern using {@code $}) answers {@code false}, and the
 * caller asks the full validator, which also words the messages. So a valid call skips converting its arguments to
 * a tree and the full validator's bookkeeping. Immutable and thread-safe.
 */
public final class PlainSchema {
    private static final Set<String> ANNOTATIONS = Set.of(
            "$schema",
            "$comment",
            "title",
            "description",
            "default",
            "examples",
            "deprecated",
            "readOnly",
            "writeOnly");
    private static final Set<String> TYPES =
            Set.of("object", "array", "string", "number", "integer", "boolean", "null");

    /** Always true ({@code true} or {@code {}}), always false ({@code false}), or checks. */
    private final boolean always;

    private final boolean never;
    private final Set<String> types;
    private final List<Object> allowed;
    private final Map<String, PlainSchema> properties;
    private final List<String> required;
    /** null: any additional property; otherwise each additional property must pass it. */
    private final PlainSchema additional;

    private final PlainSchema items;
    private final long minItems;
    private final long maxItems;
    private final long minLength;
    private final long maxLength;
    private final Pattern pattern;
    private final boolean patternHasDollar;
    private final BigDecimal minimum;
    private final BigDecimal maximum;
    private final BigDecimal exclusiveMinimum;
    private final BigDecimal exclusiveMaximum;

    private PlainSchema(Builder b) {
        this.always = b.always;
        this.never = b.never;
        this.types = b.types;
        this.allowed = b.allowed;
        this.properties = b.properties;
        this.required = b.required;
        this.additional = b.additional;
        this.items = b.items;
        this.minItems = b.minItems;
        this.maxItems = b.maxItems;
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.pattern = b.pattern;
        this.patternHasDollar = b.patternHasDollar;
        this.minimum = b.minimum;
        this.maximum = b.maximum;
        this.exclusiveMinimum = b.exclusiveMinimum;
        this.exclusiveMaximum = b.exclusiveMaximum;
    }

    /** The schema compiled, or empty when it uses a keyword (or a form of one) outside the subset. */
    public static Optional<PlainSchema> compile(Object schema) {
        try {
            return Optional.of(compileOrThrow(schema));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    /** Whether {@code value} is certainly valid; false when invalid or undecided (ask the full validator). */
    public boolean accepts(Object value) {
        if (always) {
            return true;
        }
        if (never) {
            return false;
        }
        Kind kind = Kind.of(value);
        if (kind == Kind.OTHER) {
            return false;
        }
        if (types != null && !typeMatches(kind, value)) {
            return false;
        }
        if (allowed != null && !isAllowed(value)) {
            return false;
        }
        switch (kind) {
            case OBJECT:
                return acceptsObject((Map<?, ?>) value);
            case ARRAY:
                return acceptsArray((List<?>) value);
            case STRING:
                return acceptsString((String) value);
            case INTEGER:
            case NUMBER:
                return acceptsNumber((Number) value);
            default:
                return true;
        }
    }

    private boolean typeMatches(Kind kind, Object value) {
        switch (kind) {
            case OBJECT:
                return types.contains("object");
            case ARRAY:
                return types.contains("array");
            case STRING:
                return types.contains("string");
            case BOOLEAN:
                return types.contains("boolean");
            case NULL:
                return types.contains("null");
            case INTEGER:
                return types.contains("integer") || types.contains("number");
            case NUMBER:
                // a float with an integral value is an integer in 2020-12, but how the full validator sees it
                // depends on its configuration: undecided
                return types.contains("number");
            default:
                return false;
        }
    }

    /** {@code enum}/{@code const}: decided only for strings, booleans and null (number equality is undecided). */
    private boolean isAllowed(Object value) {
        if (!(value == null || value instanceof String || value instanceof Boolean)) {
            return false;
        }
        for (Object candidate : allowed) {
            if (value == null ? candidate == null : value.equals(candidate)) {
                return true;
            }
        }
        return false;
    }

    private boolean acceptsObject(Map<?, ?> object) {
        if (required != null) {
            for (String name : required) {
                if (!object.containsKey(name)) {
                    return false;
                }
            }
        }
        if (properties == null && additional == null) {
            return true;
        }
        for (Map.Entry<?, ?> e : object.entrySet()) {
            PlainSchema property = properties == null ? null : properties.get((String) e.getKey());
            PlainSchema check = property != null ? property : additional;
            if (check != null && !check.accepts(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private boolean acceptsArray(List<?> array) {
        if (array.size() < minItems || array.size() > maxItems) {
            return false;
        }
        if (items != null) {
            for (Object element : array) {
                if (!items.accepts(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private boolean acceptsString(String text) {
        if (minLength > 0 || maxLength < Long.MAX_VALUE) {
            int length = text.codePointCount(0, text.length());
            if (length < minLength || length > maxLength) {
                return false;
            }
        }
        if (pattern != null) {
            if (patternHasDollar && hasLineTerminator(text)) {
                return false; // ECMAScript's $ and Java's differ only before a final line terminator
            }
            return pattern.matcher(text).find();
        }
        return true;
    }

    private boolean acceptsNumber(Number number) {
        if (minimum == null && maximum == null && exclusiveMinimum == null && exclusiveMaximum == null) {
            return true;
        }
        BigDecimal n = decimal(number);
        if (n == null) {
            return false;
        }
        return (minimum == null || n.compareTo(minimum) >= 0)
                && (maximum == null || n.compareTo(maximum) <= 0)
                && (exclusiveMinimum == null || n.compareTo(exclusiveMinimum) > 0)
                && (exclusiveMaximum == null || n.compareTo(exclusiveMaximum) < 0);
    }

    private static boolean hasLineTerminator(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029') {
                return true;
            }
        }
        return false;
    }

    /** The number's exact value; null for NaN and infinities. */
    private static BigDecimal decimal(Object number) {
        if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte) {
            return BigDecimal.valueOf(((Number) number).longValue());
        }
        if (number instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (number instanceof BigDecimal d) {
            return d;
        }
        if (number instanceof Double || number instanceof Float) {
            double d = ((Number) number).doubleValue();
            return Double.isFinite(d) ? new BigDecimal(d) : null;
        }
        return null;
    }

    /** A value's JSON kind as the full validator's tree would have it; OTHER: not a plain JSON value. */
    private enum Kind {
        OBJECT,
        ARRAY,
        STRING,
        INTEGER,
        NUMBER,
        BOOLEAN,
        NULL,
        OTHER;

        static Kind of(Object value) {
            if (value == null) {
                return NULL;
            }
            if (value instanceof String) {
                return STRING;
            }
            if (value instanceof Boolean) {
                return BOOLEAN;
            }
            if (value instanceof Integer
                    || value instanceof Long
                    || value instanceof Short
                    || value instanceof Byte
                    || value instanceof BigInteger) {
                return INTEGER;
            }
            if (value instanceof Double || value instanceof Float || value instanceof BigDecimal) {
                return decimal(value) == null ? OTHER : NUMBER;
            }
            if (value instanceof Map<?, ?> map) {
                for (Object key : map.keySet()) {
                    if (!(key instanceof String)) {
                        return OTHER;
                    }
                }
                return OBJECT;
            }
            if (value instanceof List) {
                return ARRAY;
            }
            return OTHER;
        }
    }

    // --- compilation ------------------------------------------------------------------------------------------

    /** Thrown while compiling when the schema leaves the subset. */
    private static final class Unsupported extends Exception {
        private static final long serialVersionUID = 1L;

        Unsupported() {
            super(null, null, false, false);
        }
    }

    private static final class Builder {
        boolean always;
        boolean never;
        Set<String> types;
        List<Object> allowed;
        Map<String, PlainSchema> properties;
        List<String> required;
        PlainSchema additional;
        PlainSchema items;
        long minItems;
        long maxItems = Long.MAX_VALUE;
        long minLength;
        long maxLength = Long.MAX_VALUE;
        Pattern pattern;
        boolean patternHasDollar;
        BigDecimal minimum;
        BigDecimal maximum;
        BigDecimal exclusiveMinimum;
        BigDecimal exclusiveMaximum;
    }

    private static PlainSchema compileOrThrow(Object schema) throws Unsupported {
        Builder b = new Builder();
        if (schema instanceof Boolean bool) {
            b.always = bool;
            b.never = !bool;
            return new PlainSchema(b);
        }
        if (!(schema instanceof Map<?, ?> map)) {
            throw new Unsupported();
        }
        boolean checks = false;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String keyword)) {
                throw new Unsupported();
            }
            Object v = e.getValue();
            if (ANNOTATIONS.contains(keyword)) {
                continue;
            }
            checks = true;
            switch (keyword) {
                case "type" -> b.types = types(v);
                case "enum" -> b.allowed = intersect(b.allowed, plainList(v));
                case "const" -> b.allowed = intersect(b.allowed, plainList(java.util.Collections.singletonList(v)));
                case "properties" -> b.properties = properties(v);
                case "required" -> b.required = names(v);
                case "additionalProperties" -> b.additional = compileOrThrow(v);
                case "items" -> b.items = compileOrThrow(v);
                case "minItems" -> b.minItems = count(v);
                case "maxItems" -> b.maxItems = count(v);
                case "minLength" -> b.minLength = count(v);
                case "maxLength" -> b.maxLength = count(v);
                case "pattern" -> {
                    if (!(v instanceof String p) || p.contains("\\p") || p.contains("\\P")) {
                        throw new Unsupported();
                    }
                    try {
                        b.pattern = Pattern.compile(p);
                    } catch (RuntimeException invalid) {
                        throw new Unsupported();
                    }
                    b.patternHasDollar = p.indexOf('$') >= 0;
                }
                case "minimum" -> b.minimum = bound(v);
                case "maximum" -> b.maximum = bound(v);
                case "exclusiveMinimum" -> b.exclusiveMinimum = bound(v);
                case "exclusiveMaximum" -> b.exclusiveMaximum = bound(v);
                default -> throw new Unsupported();
            }
        }
        b.always = !checks;
        // an additionalProperties schema of "true" checks nothing
        if (b.additional != null && b.additional.always) {
            b.additional = null;
        }
        return new PlainSchema(b);
    }

    private static Set<String> types(Object v) throws Unsupported {
        Set<String> types = new HashSet<>();
        if (v instanceof String t) {
            types.add(t);
        } else if (v instanceof List<?> list && !list.isEmpty()) {
            for (Object t : list) {
                if (!(t instanceof String name)) {
                    throw new Unsupported();
                }
                types.add(name);
            }
        } else {
            throw new Unsupported();
        }
        if (!TYPES.containsAll(types)) {
            throw new Unsupported();
        }
        return Set.copyOf(types);
    }

    /** enum members; only strings, booleans and null are compared here (others make values undecided). */
    private static List<Object> plainList(Object v) throws Unsupported {
        if (!(v instanceof List<?> list)) {
            throw new Unsupported();
        }
        List<Object> out = new ArrayList<>();
        for (Object o : list) {
            if (o == null || o instanceof String || o instanceof Boolean) {
                out.add(o);
            } else if (!(o instanceof Number || o instanceof Map || o instanceof List)) {
                throw new Unsupported();
            }
            // numbers, objects and arrays never match a string/boolean/null value; a numeric value is undecided
        }
        return java.util.Collections.unmodifiableList(out);
    }

    private static List<Object> intersect(List<Object> previous, List<Object> next) {
        if (previous == null) {
            return next;
        }
        List<Object> both = new ArrayList<>(previous);
        both.retainAll(next);
        return java.util.Collections.unmodifiableList(both);
    }

    private static Map<String, PlainSchema> properties(Object v) throws Unsupported {
        if (!(v instanceof Map<?, ?> map)) {
            throw new Unsupported();
        }
        Map<String, PlainSchema> out = new HashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (!(e.getKey() instanceof String name)) {
                throw new Unsupported();
            }
            out.put(name, compileOrThrow(e.getValue()));
        }
        return Map.copyOf(out);
    }

    private static List<String> names(Object v) throws Unsupported {
        if (!(v instanceof List<?> list)) {
            throw new Unsupported();
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String name)) {
                throw new Unsupported();
            }
            out.add(name);
        }
        return List.copyOf(out);
    }

    private static long count(Object v) throws Unsupported {
        if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            long n = ((Number) v).longValue();
            if (n >= 0) {
                return n;
            }
        }
        throw new Unsupported();
    }

    private static BigDecimal bound(Object v) throws Unsupported {
        BigDecimal d = v instanceof Number ? decimal(v) : null;
        if (d == null) {
            throw new Unsupported();
        }
        return d;
    }
}
