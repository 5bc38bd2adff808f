package dev.chaos.history;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds op values in their one canonical shape (see {@link Op}), so that equal data compares equal:
 * every integer is a {@link Long}, every list is an unmodifiable {@link List}, every map an
 * unmodifiable insertion-ordered {@link Map} with String keys.
 */
public final class Values {

    private Values() {
    }

    /** Converts plain Java data (ints, arrays, sets, maps, ...) into the canonical shape. */
    public static Object canonical(Object v) {
        if (v == null || v instanceof Long || v instanceof String || v instanceof Boolean || v instanceof Double) {
            return v;
        }
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof BigInteger b) {
            return b.bitLength() < 64 ? (Object) b.longValue() : b;
        }
        if (v instanceof BigDecimal d) {
            return d.doubleValue();
        }
        if (v instanceof CharSequence s) {
            return s.toString();
        }
        if (v instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>(c.size());
            for (Object e : c) {
                out.add(canonical(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Object[] a) {
            return canonical(List.of(a));
        }
        if (v instanceof long[] a) {
            List<Object> out = new ArrayList<>(a.length);
            for (long x : a) {
                out.add(x);
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), canonical(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        throw new IllegalArgumentException("not a history value: " + v.getClass().getName());
    }

    /** A list value from already-canonical elements. */
    public static List<Object> list(Object... elements) {
        List<Object> out = new ArrayList<>(elements.length);
        for (Object e : elements) {
            out.add(canonical(e));
        }
        return Collections.unmodifiableList(out);
    }
}
