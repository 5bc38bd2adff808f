package dev.chaos.workload;

import dev.chaos.history.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * One step of a transaction ({@code f = "txn"}), as the history writes it: {@code ["append", k, v]},
 * {@code ["w", k, v]} or {@code ["r", k, v]}, where a read's value is null on the invocation and
 * what was read on the completion (a list for list-append, a number for rw-register, null when the
 * key is absent).
 *
 * @param f     {@code append}, {@code w} or {@code r}
 * @param key   the key
 * @param value the value written, or read
 */
public record MicroOp(String f, String key, Object value) {

    public static final String APPEND = "append";
    public static final String WRITE = "w";
    public static final String READ = "r";

    public MicroOp {
        if (!APPEND.equals(f) && !WRITE.equals(f) && !READ.equals(f)) {
            throw new IllegalArgumentException("not a micro-op: " + f + " (append, w or r)");
        }
        if (key == null) {
            throw new IllegalArgumentException(f + " without a key");
        }
    }

    public boolean isRead() {
        return READ.equals(f);
    }

    /** The same step with {@code read} as its value (a read's completion). */
    public MicroOp withValue(Object read) {
        return new MicroOp(f, key, read);
    }

    /** As the history writes it: {@code [f, key, value]}. */
    public List<Object> toValue() {
        return Values.list(f, key, value);
    }

    /** The steps of a txn op's value; an {@link IllegalArgumentException} says what is wrong with it. */
    public static List<MicroOp> parse(Object txn) {
        if (!(txn instanceof List<?> steps)) {
            throw new IllegalArgumentException("a txn's value is a list of micro-ops, not " + txn);
        }
        List<MicroOp> out = new ArrayList<>(steps.size());
        for (Object s : steps) {
            if (!(s instanceof List<?> l) || l.size() != 3 || !(l.get(0) instanceof String f) || !(l.get(1) instanceof String k)) {
                throw new IllegalArgumentException("a micro-op is [f, key, value], not " + s);
            }
            out.add(new MicroOp(f, k, l.get(2)));
        }
        return out;
    }

    /** A txn op's value from its steps. */
    public static List<Object> toValue(List<MicroOp> steps) {
        List<Object> out = new ArrayList<>(steps.size());
        for (MicroOp m : steps) {
            out.add(m.toValue());
        }
        return java.util.Collections.unmodifiableList(out);
    }
}
