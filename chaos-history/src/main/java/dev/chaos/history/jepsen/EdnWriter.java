package dev.chaos.history.jepsen;

import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Exports a history as Jepsen EDN, one op map per line, so Jepsen, Knossos and Elle users can load
 * it: {@code {:index 0, :time 0, :type :invoke, :process 0, :f :read, :value nil}}. Type, f and the
 * nemesis process become keywords, and so do a {@code txn}'s micro-op names ({@code [:append k v]}); values keep their shape (strings stay strings), so importing the
 * export gives the same ops back.
 */
public final class EdnWriter {

    private static final Pattern KEYWORD_NAME = Pattern.compile("[A-Za-z*+!_?<>=-][\\w*+!?<>=./-]*");

    private EdnWriter() {
    }

    public static void write(History history, Writer out) throws IOException {
        StringBuilder sb = new StringBuilder(256);
        for (Op op : history.ops()) {
            sb.setLength(0);
            op(op, sb);
            sb.append('\n');
            out.write(sb.toString());
        }
        out.flush();
    }

    static void op(Op op, StringBuilder sb) {
        sb.append("{:index ").append(op.index());
        if (op.time() >= 0) {
            sb.append(", :time ").append(op.time());
        }
        if (op.intended() >= 0) {
            sb.append(", :intended ").append(op.intended());
        }
        sb.append(", :type :").append(op.type().wire());
        sb.append(", :process ");
        if (op.process().isClient()) {
            sb.append(op.process().number());
        } else {
            name(op.process().name(), sb);
        }
        sb.append(", :f ");
        name(op.f(), sb);
        if (op.key() != null) {
            sb.append(", :key ");
            value(op.key(), sb);
        }
        sb.append(", :value ");
        if (op.f().equals("txn") && op.value() instanceof List<?> mops) {
            txn(mops, sb);
        } else {
            value(op.value(), sb);
        }
        if (op.node() != null) {
            sb.append(", :node ");
            value(op.node(), sb);
        }
        if (op.error() != null) {
            sb.append(", :error ");
            value(op.error(), sb);
        }
        if (op.isFinal()) {
            sb.append(", :final true");
        }
        sb.append('}');
    }

    /** Micro-ops as Elle writes them, {@code [[:append 1 2] [:r 1 nil]]}; the import reads them back as strings. */
    private static void txn(List<?> mops, StringBuilder sb) {
        sb.append('[');
        for (int i = 0; i < mops.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            if (mops.get(i) instanceof List<?> m && m.size() == 3 && m.get(0) instanceof String f
                    && (f.equals("append") || f.equals("r") || f.equals("w"))) {
                sb.append("[:").append(f).append(' ');
                value(m.get(1), sb);
                sb.append(' ');
                value(m.get(2), sb);
                sb.append(']');
            } else {
                value(mops.get(i), sb);
            }
        }
        sb.append(']');
    }

    /** A name as a keyword where EDN allows it, else as a string (both import as the same string). */
    private static void name(String s, StringBuilder sb) {
        if (KEYWORD_NAME.matcher(s).matches()) {
            sb.append(':').append(s);
        } else {
            value(s, sb);
        }
    }

    public static String toEdn(Object v) {
        StringBuilder sb = new StringBuilder();
        value(v, sb);
        return sb.toString();
    }

    static void value(Object v, StringBuilder sb) {
        if (v == null) {
            sb.append("nil");
        } else if (v instanceof String s) {
            sb.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> sb.append("\\\"");
                    case '\\' -> sb.append("\\\\");
                    case '\n' -> sb.append("\\n");
                    case '\r' -> sb.append("\\r");
                    case '\t' -> sb.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            sb.append(String.format("\\u%04x", (int) c));
                        } else {
                            sb.append(c);
                        }
                    }
                }
            }
            sb.append('"');
        } else if (v instanceof List<?> list) {
            sb.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    sb.append(' ');
                }
                value(list.get(i), sb);
            }
            sb.append(']');
        } else if (v instanceof Map<?, ?> map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                value(String.valueOf(e.getKey()), sb);
                sb.append(' ');
                value(e.getValue(), sb);
            }
            sb.append('}');
        } else if (v instanceof java.math.BigInteger b) {
            sb.append(b).append('N');
        } else {
            sb.append(v); // Long, Double, Boolean print as EDN
        }
    }
}
