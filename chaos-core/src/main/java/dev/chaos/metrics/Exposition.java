package dev.chaos.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads the Prometheus text format (0.0.4) back, strictly: for tests of the endpoint and for
 * anything that checks what a scrape returned. Every sample line must be {@code name{labels} value},
 * names and label names as Prometheus allows them, every sample of a family after its
 * {@code # TYPE}, no family typed twice; a line that breaks these is named with its number.
 */
public final class Exposition {

    /** One sample: metric name (with {@code _bucket}/{@code _sum}/{@code _count} for histograms), labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
        public String label(String l) {
            return labels.get(l);
        }
    }

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Pattern LABEL = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

    private Exposition() {
    }

    /** @throws IllegalArgumentException naming the line and what is wrong with it */
    public static List<Sample> parse(String text) {
        List<Sample> out = new ArrayList<>();
        Map<String, String> types = new HashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int no = i + 1;
            if (line.isEmpty()) {
                continue;
            }
            if (line.startsWith("#")) {
                String[] p = line.split(" ", 4);
                if (p.length >= 3 && p[1].equals("TYPE")) {
                    if (p.length != 4 || !NAME.matcher(p[2]).matches()
                            || !List.of("counter", "gauge", "histogram", "summary", "untyped").contains(p[3])) {
                        throw bad(no, line, "a TYPE line is '# TYPE name counter|gauge|histogram|summary|untyped'");
                    }
                    if (types.put(p[2], p[3]) != null) {
                        throw bad(no, line, "family " + p[2] + " typed twice");
                    }
                }
                continue;
            }
            Sample s = sample(no, line);
            String family = family(s.name(), types);
            if (family == null) {
                throw bad(no, line, "sample before its family's # TYPE");
            }
            out.add(s);
        }
        return out;
    }

    private static String family(String name, Map<String, String> types) {
        if (types.containsKey(name)) {
            return name;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                String base = name.substring(0, name.length() - suffix.length());
                if ("histogram".equals(types.get(base)) || "summary".equals(types.get(base)) && !suffix.equals("_bucket")) {
                    return base;
                }
            }
        }
        return null;
    }

    private static Sample sample(int no, String line) {
        int i = 0;
        while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
            i++;
        }
        String name = line.substring(0, i);
        if (!NAME.matcher(name).matches()) {
            throw bad(no, line, "'" + name + "' is not a metric name");
        }
        Map<String, String> labels = new LinkedHashMap<>();
        if (i < line.length() && line.charAt(i) == '{') {
            i++;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf("=\"", i);
                if (eq < 0) {
                    throw bad(no, line, "a label is name=\"value\"");
                }
                String l = line.substring(i, eq);
                if (!LABEL.matcher(l).matches()) {
                    throw bad(no, line, "'" + l + "' is not a label name");
                }
                StringBuilder v = new StringBuilder();
                int j = eq + 2;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = ++j < line.length() ? line.charAt(j) : ' ';
                        switch (n) {
                            case '\\' -> v.append('\\');
                            case '"' -> v.append('"');
                            case 'n' -> v.append('\n');
                            default -> throw bad(no, line, "label value escapes only \\\\, \\\" and \\n");
                        }
                    } else {
                        v.append(c);
                    }
                }
                if (j >= line.length()) {
                    throw bad(no, line, "unterminated label value");
                }
                if (labels.put(l, v.toString()) != null) {
                    throw bad(no, line, "label " + l + " given twice");
                }
                i = j + 1;
                if (i < line.length() && line.charAt(i) == ',') {
                    i++;
                }
                if (i >= line.length()) {
                    throw bad(no, line, "labels not closed with }");
                }
            }
            i++;
        }
        if (i >= line.length() || line.charAt(i) != ' ') {
            throw bad(no, line, "a space and the value must follow the name and labels");
        }
        String[] rest = line.substring(i + 1).split(" ");
        if (rest.length > 2) {
            throw bad(no, line, "only a value and an optional timestamp may follow");
        }
        return new Sample(name, Map.copyOf(labels), value(no, line, rest[0]));
    }

    private static double value(int no, String line, String v) {
        switch (v) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                try {
                    return Double.parseDouble(v);
                } catch (NumberFormatException e) {
                    throw bad(no, line, "'" + v + "' is not a number");
                }
        }
    }

    private static IllegalArgumentException bad(int no, String line, String why) {
        return new IllegalArgumentException("line " + no + ": " + why + ": " + line);
    }
}
