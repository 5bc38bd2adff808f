package dev.chaos.history.io;

import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import java.util.List;
import java.util.Map;

/**
 * Writes ops, headers and values as the JSON of {@code chaos-history/1}: one object per line, fields
 * in a fixed order, optional fields left out when empty. Hand-written rather than databind because
 * the recorder calls it once per op on the clients' hot path.
 */
public final class JsonText {

    private JsonText() {
    }

    public static void header(HistoryHeader h, StringBuilder out) {
        out.append("{\"format\":");
        string(h.format(), out);
        if (h.scenario() != null) {
            out.append(",\"scenario\":");
            string(h.scenario(), out);
        }
        if (h.target() != null) {
            out.append(",\"target\":");
            string(h.target(), out);
        }
        out.append(",\"nodes\":");
        value(h.nodes(), out);
        if (h.seed() != null) {
            out.append(",\"seed\":").append(h.seed().longValue());
        }
        if (h.started() != null) {
            out.append(",\"started\":");
            string(h.started(), out);
        }
        if (h.tool() != null) {
            out.append(",\"tool\":");
            string(h.tool(), out);
        }
        if (h.rate() != null) {
            value(h.rate(), out.append(",\"rate\":"));
        }
        if (h.concurrency() != null) {
            out.append(",\"concurrency\":").append(h.concurrency().intValue());
        }
        out.append('}');
    }

    public static void op(Op op, StringBuilder out) {
        opHead(op.index(), op.time(), out);
        opTail(op, out);
    }

    /** The start of an op line: {@code {"index":N,"time":T} (time left out when unknown). */
    public static void opHead(long index, long time, StringBuilder out) {
        out.append("{\"index\":").append(index);
        if (time >= 0) { // imported histories may have no times
            out.append(",\"time\":").append(time);
        }
    }

    /** The rest of an op line, from {@code ,"process":} to the closing brace: all but index and time (an invocation's intended start first). */
    public static void opTail(Op op, StringBuilder out) {
        if (op.intended() >= 0) {
            out.append(",\"intended\":").append(op.intended());
        }
        out.append(",\"process\":");
        if (op.process().isClient()) {
            out.append(op.process().number());
        } else {
            string(op.process().name(), out);
        }
        out.append(",\"type\":\"").append(op.type().wire()).append('"');
        out.append(",\"f\":");
        string(op.f(), out);
        if (op.key() != null) {
            out.append(",\"key\":");
            string(op.key(), out);
        }
        out.append(",\"value\":");
        value(op.value(), out);
        if (op.node() != null) {
            out.append(",\"node\":");
            string(op.node(), out);
        }
        if (op.error() != null) {
            out.append(",\"error\":");
            string(op.error(), out);
        }
        if (op.isFinal()) {
            out.append(",\"final\":true");
        }
        out.append('}');
    }

    public static void value(Object v, StringBuilder out) {
        if (v == null) {
            out.append("null");
        } else if (v instanceof String s) {
            string(s, out);
        } else if (v instanceof Long || v instanceof Boolean || v instanceof java.math.BigInteger) {
            out.append(v);
        } else if (v instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                out.append("null"); // JSON has no NaN; canonical values never hold one
            } else {
                out.append(d.doubleValue());
            }
        } else if (v instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                value(list.get(i), out);
            }
            out.append(']');
        } else if (v instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(String.valueOf(e.getKey()), out);
                out.append(':');
                value(e.getValue(), out);
            }
            out.append('}');
        } else if (v instanceof Number n) {
            out.append(n.longValue());
        } else {
            throw new IllegalArgumentException("not a history value: " + v.getClass().getName());
        }
    }

    public static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) {
                        out.append("\\u");
                        String hex = Integer.toHexString(c);
                        for (int k = hex.length(); k < 4; k++) {
                            out.append('0');
                        }
                        out.append(hex);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
