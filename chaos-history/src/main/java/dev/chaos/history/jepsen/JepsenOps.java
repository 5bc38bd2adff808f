package dev.chaos.history.jepsen;

import dev.chaos.history.HistoryFormatException;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps Jepsen's op vocabulary onto chaos ops: keywords become strings ({@code :read} is
 * {@code "read"}), {@code :nemesis} becomes the named process, map keys become strings, sets become
 * lists. See docs/history-format.md, "Jepsen mapping".
 */
final class JepsenOps {

    private JepsenOps() {
    }

    /** Converts one Jepsen op map (as read by {@link EdnReader}). Index is assigned by the caller. */
    static Op fromMap(Object form, String source, long line) {
        if (!(form instanceof Map<?, ?> m)) {
            throw new HistoryFormatException(source, line, "expected an op map {:type ... :process ... :f ...}, found "
                    + describe(form));
        }
        OpType type = type(get(m, "type"), source, line);
        ProcessId process = process(get(m, "process"), source, line);
        Object fv = get(m, "f");
        if (fv == null) {
            throw new HistoryFormatException(source, line, "op has no :f (the operation, e.g. :read)");
        }
        String f = name(fv);
        Object key = get(m, "key");
        Object time = get(m, "time");
        long t = -1;
        if (time != null) {
            if (!(time instanceof Long l) || l < 0) {
                throw new HistoryFormatException(source, line, ":time must be an integer >= 0 (nanoseconds), not " + time);
            }
            t = l;
        }
        Object intendedValue = get(m, "intended");
        long intended = -1;
        if (intendedValue != null) {
            if (!(intendedValue instanceof Long l) || l < 0 || type != OpType.INVOKE) {
                throw new HistoryFormatException(source, line, ":intended must be an integer >= 0 (nanoseconds) on an"
                        + " :invoke, not " + intendedValue + " on an :" + type.wire());
            }
            intended = l;
        }
        Object error = get(m, "error");
        Object node = get(m, "node");
        boolean fin = Boolean.TRUE.equals(get(m, "final"));
        return new Op(-1, t, process, type, f, key == null ? null : name(key), value(get(m, "value")),
                node == null ? null : name(node), error == null ? null : errorText(error), fin, intended);
    }

    static OpType type(Object v, String source, long line) {
        OpType type = v == null ? null : OpType.fromWire(name(v));
        if (type == null) {
            throw new HistoryFormatException(source, line, "op :type is " + (v == null ? "missing" : v)
                    + "; expected :invoke, :ok, :fail or :info");
        }
        return type;
    }

    static ProcessId process(Object v, String source, long line) {
        if (v instanceof Long n && n >= 0) {
            return ProcessId.client(n);
        }
        if (v instanceof Keyword k) {
            return ProcessId.named(k.name());
        }
        if (v instanceof String s && !s.isEmpty()) {
            return ProcessId.named(s);
        }
        throw new HistoryFormatException(source, line, "op :process is " + (v == null ? "missing" : v)
                + "; expected a client number >= 0 or a name like :nemesis");
    }

    /** A keyword's or symbol's name, a string as is, anything else printed. */
    static String name(Object v) {
        if (v instanceof Keyword k) {
            return k.name();
        }
        return String.valueOf(v);
    }

    /** Plain data for an op value: keywords become their names, map keys strings. */
    static Object value(Object v) {
        if (v instanceof Keyword k) {
            return k.name();
        }
        if (v instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            for (Object e : list) {
                out.add(value(e));
            }
            return Collections.unmodifiableList(out);
        }
        if (v instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                out.put(name(e.getKey()), value(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof BigInteger || v instanceof Long || v instanceof Double || v instanceof String
                || v instanceof Boolean || v == null) {
            return v;
        }
        return String.valueOf(v);
    }

    private static String errorText(Object error) {
        if (error instanceof Keyword k) {
            return k.name();
        }
        if (error instanceof String s) {
            return s;
        }
        return EdnWriter.toEdn(value(error));
    }

    private static Object get(Map<?, ?> m, String key) {
        Object v = m.get(new Keyword(key));
        return v != null ? v : m.get(key);
    }

    private static String describe(Object form) {
        if (form == null) {
            return "nil";
        }
        if (form instanceof List) {
            return "a vector or list";
        }
        return form instanceof Keyword ? "the keyword " + form : "'" + form + "'";
    }
}
