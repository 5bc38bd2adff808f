package dev.chaos.targetfile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A string of a target file with {@code {{variable}}} and {@code {{variable | filter | ...}}} in
 * it. Every variable and filter is checked when the file is read, against the variables its place
 * offers, so a typo is an error naming the line, not a request with a hole in it.
 *
 * <p>Filters: {@code base64} (of the UTF-8 bytes), {@code json} (escaped for inside a JSON string),
 * {@code url} (percent-encoded), {@code prefix-end} (the last byte plus one: the end of a key range
 * holding every key with this prefix, as etcd's {@code range_end}).
 */
public final class Template {

    public static final Set<String> FILTERS = Set.of("base64", "json", "url", "prefix-end");
    private static final Pattern PART = Pattern.compile("\\{\\{\\s*([a-z][a-z0-9-]*)((?:\\s*\\|\\s*[a-z][a-z0-9-]*)*)\\s*}}");

    private final String text;
    private final List<Object> parts; // String literals and Ref

    private record Ref(String variable, List<String> filters) {
    }

    private Template(String text, List<Object> parts) {
        this.text = text;
        this.parts = parts;
    }

    /**
     * Parses {@code text}, whose variables must be among {@code variables}.
     *
     * @throws IllegalArgumentException naming the unknown variable or filter and what is allowed
     */
    public static Template parse(String text, Set<String> variables) {
        List<Object> parts = new ArrayList<>();
        Matcher m = PART.matcher(text);
        int at = 0;
        while (m.find()) {
            if (m.start() > at) {
                parts.add(text.substring(at, m.start()));
            }
            String v = m.group(1);
            if (!variables.contains(v)) {
                throw new IllegalArgumentException("unknown variable {{" + v + "}}; here the variables are "
                        + String.join(", ", new java.util.TreeSet<>(variables)));
            }
            List<String> filters = new ArrayList<>();
            for (String f : m.group(2).split("\\|")) {
                String name = f.strip();
                if (name.isEmpty()) {
                    continue;
                }
                if (!FILTERS.contains(name)) {
                    throw new IllegalArgumentException("unknown filter '" + name + "' in {{" + m.group().substring(2)
                            + "; the filters are " + String.join(", ", new java.util.TreeSet<>(FILTERS)));
                }
                filters.add(name);
            }
            parts.add(new Ref(v, filters));
            at = m.end();
        }
        if (at < text.length()) {
            parts.add(text.substring(at));
        }
        String rest = PART.matcher(text).replaceAll("");
        if (rest.contains("{{")) { // a lone "}}" is JSON's nesting, a lone "{{" a broken variable
            throw new IllegalArgumentException("'" + text + "' has a '{{' that is not a {{variable}} or {{variable | filter}}");
        }
        return new Template(text, List.copyOf(parts));
    }

    /** A template of plain text, no variables. */
    public static Template literal(String text) {
        return new Template(text, List.of(text));
    }

    /** The text with every variable replaced by its value in {@code values} (a missing one is a bug: parse checked it). */
    public String render(Map<String, String> values) {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p instanceof Ref r) {
                String v = values.get(r.variable());
                if (v == null) {
                    throw new IllegalStateException("no value for {{" + r.variable() + "}}");
                }
                for (String f : r.filters()) {
                    v = filter(f, v);
                }
                sb.append(v);
            } else {
                sb.append((String) p);
            }
        }
        return sb.toString();
    }

    /** As written in the file. */
    public String text() {
        return text;
    }

    static String filter(String name, String v) {
        return switch (name) {
            case "base64" -> Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8));
            case "json" -> jsonEscape(v);
            case "url" -> java.net.URLEncoder.encode(v, StandardCharsets.UTF_8).replace("+", "%20");
            case "prefix-end" -> prefixEnd(v);
            default -> throw new IllegalStateException("filter " + name);
        };
    }

    private static String prefixEnd(String v) {
        byte[] b = v.getBytes(StandardCharsets.UTF_8);
        if (b.length == 0) {
            return "\0";
        }
        b[b.length - 1]++;
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static String jsonEscape(String v) {
        StringBuilder sb = new StringBuilder();
        for (char c : v.toCharArray()) {
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
        return sb.toString();
    }

    @Override
    public String toString() {
        return text;
    }
}
