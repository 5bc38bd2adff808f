package dev.chaos.targetfile;

import dev.chaos.scenario.DidYouMean;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One YAML mapping of a target file, read strictly: every key it may have is named, a value of the
 * wrong shape or an unknown key is an error naming {@code file:line}, the field's path and a fix.
 * Read on SnakeYAML's node tree, which keeps the line of every key and value.
 */
final class Yaml {

    static final int MAX_CHARS = 64 * 1024;

    private final String source;
    private final String path;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private Yaml(String source, String path, MappingNode node) {
        this.source = source;
        this.path = path;
        this.node = node;
        for (NodeTuple t : node.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : null;
            if (key == null) {
                throw new TargetFileException(source + ":" + line(t.getKeyNode()) + ": " + where() + ": a key must be plain text");
            }
            NodeTuple before = entries.put(key, t);
            if (before != null) {
                throw new TargetFileException(source + ":" + line(t.getKeyNode()) + ": " + field(key) + ": given twice (also on line "
                        + line(before.getKeyNode()) + "); keep one");
            }
        }
    }

    static Yaml root(String text, String source) {
        if (text.length() > MAX_CHARS) {
            throw new TargetFileException(source + ": longer than " + MAX_CHARS + " characters; a target file is small");
        }
        LoaderOptions lo = new LoaderOptions();
        lo.setAllowDuplicateKeys(false);
        lo.setMaxAliasesForCollections(10);
        lo.setCodePointLimit(MAX_CHARS);
        Node n;
        try {
            n = new org.yaml.snakeyaml.Yaml(new SafeConstructor(lo)).compose(new StringReader(text));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() != null ? e.getProblemMark().getLine() + 1 : 1;
            throw new TargetFileException(source + ":" + line + ": not YAML: " + e.getProblem());
        } catch (RuntimeException e) {
            throw new TargetFileException(source + ": not YAML: " + e.getMessage());
        }
        if (n == null) {
            throw new TargetFileException(source + ": empty target file; start it with 'format: chaos-target/1' (docs/targets.md)");
        }
        if (!(n instanceof MappingNode m)) {
            throw new TargetFileException(source + ":" + line(n) + ": a target file is a mapping of fields (format, name, docker, ...)");
        }
        return new Yaml(source, "", m);
    }

    String source() {
        return source;
    }

    /** Refuses any key but {@code allowed}, naming the closest allowed one. */
    Yaml only(String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, NodeTuple> e : entries.entrySet()) {
            if (!ok.contains(e.getKey())) {
                String near = closest(e.getKey(), ok);
                throw new TargetFileException(source + ":" + line(e.getValue().getKeyNode()) + ": " + field(e.getKey())
                        + ": unknown field" + (near != null ? "; did you mean '" + near + "'?" : "") + " (allowed here: "
                        + String.join(", ", new TreeSet<>(ok)) + ")");
            }
        }
        return this;
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** An error about {@code key} (its line, or this mapping's when absent). */
    TargetFileException error(String key, String reason) {
        NodeTuple t = entries.get(key);
        int line = t != null ? line(t.getValueNode()) : line(node);
        return new TargetFileException(source + ":" + line + ": " + field(key) + ": " + reason);
    }

    /** An error about this mapping as a whole. */
    TargetFileException error(String reason) {
        return new TargetFileException(source + ":" + line(node) + ": " + where() + ": " + reason);
    }

    /** The line of {@code key}'s value. */
    int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return t != null ? line(t.getValueNode()) : line(node);
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    private String where() {
        return path.isEmpty() ? "(top level)" : path;
    }

    Yaml map(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return null;
        }
        if (!(t.getValueNode() instanceof MappingNode m)) {
            throw error(key, "expected a mapping of fields here, found " + shape(t.getValueNode()));
        }
        return new Yaml(source, field(key), m);
    }

    Yaml requireMap(String key, String fix) {
        Yaml m = map(key);
        if (m == null) {
            throw error(key, "missing; " + fix);
        }
        return m;
    }

    String string(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return null;
        }
        if (!(t.getValueNode() instanceof ScalarNode s)) {
            throw error(key, "expected a single value, found " + shape(t.getValueNode()));
        }
        return s.getValue();
    }

    String requireString(String key, String fix) {
        String s = string(key);
        if (s == null || s.isBlank()) {
            throw error(key, "missing; " + fix);
        }
        return s;
    }

    Integer integer(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        try {
            return Integer.parseInt(s.strip());
        } catch (NumberFormatException e) {
            throw error(key, "'" + s + "' is not a whole number");
        }
    }

    Integer port(String key) {
        Integer p = integer(key);
        if (p != null && (p < 1 || p > 65535)) {
            throw error(key, p + " is not a port (1..65535)");
        }
        return p;
    }

    Boolean bool(String key) {
        String s = string(key);
        if (s == null) {
            return null;
        }
        return switch (s) {
            case "true" -> true;
            case "false" -> false;
            default -> throw error(key, "'" + s + "' is not true or false");
        };
    }

    /** A list of single values; a single value alone is a list of one. */
    List<String> strings(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return null;
        }
        if (t.getValueNode() instanceof ScalarNode s) {
            return List.of(s.getValue());
        }
        if (!(t.getValueNode() instanceof SequenceNode q)) {
            throw error(key, "expected a list, found " + shape(t.getValueNode()));
        }
        List<String> out = new ArrayList<>();
        for (Node n : q.getValue()) {
            if (!(n instanceof ScalarNode s)) {
                throw new TargetFileException(source + ":" + line(n) + ": " + field(key) + ": every item is a single value, found "
                        + shape(n));
            }
            out.add(s.getValue());
        }
        return out;
    }

    /** A mapping of names to single values, in file order. */
    Map<String, String> stringMap(String key) {
        Yaml m = map(key);
        if (m == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (String k : m.keys()) {
            out.put(k, m.string(k));
        }
        return out;
    }

    /** {@code key} as a template whose variables are among {@code variables}; the error names its line. */
    Template template(String key, Set<String> variables) {
        String s = string(key);
        return s == null ? null : template(key, s, variables);
    }

    Template template(String key, String text, Set<String> variables) {
        try {
            return Template.parse(text, variables);
        } catch (IllegalArgumentException e) {
            throw error(key, e.getMessage());
        }
    }

    private static String shape(Node n) {
        return n instanceof MappingNode ? "a mapping" : n instanceof SequenceNode ? "a list" : "'" + ((ScalarNode) n).getValue() + "'";
    }

    private static int line(Node n) {
        return n.getStartMark().getLine() + 1;
    }

    /** The allowed name within edit distance 2, if any: the likely meant one. */
    static String closest(String typed, Set<String> allowed) {
        return DidYouMean.closest(typed, new TreeSet<>(allowed));
    }
}
