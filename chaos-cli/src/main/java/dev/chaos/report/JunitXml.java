package dev.chaos.report;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.HistoryHeader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code junit.xml} in Maven Surefire's shape, which Jenkins, GitLab and GitHub test reporters
 * read: one {@code <testsuite name="chaos">}, one {@code <testcase>} per checker (and one per SLO
 * threshold, when an {@code slo} checker lists them), {@code <failure>} for invalid and
 * {@code <skipped>} for unknown.
 */
final class JunitXml {

    /** A word in capitals is how checkers' summaries flag the finding (NOT linearizable, LOST). */
    private static final Pattern SHOUT = Pattern.compile("\\b[A-Z]{3,}\\b");
    private static final int MESSAGE_MAX = 300;

    private JunitXml() {
    }

    /** One test case: a checker, or one SLO threshold. */
    record Case(String classname, String name, Verdict verdict, String message, String body, double seconds) {
    }

    static String render(HistoryHeader header, List<CheckResult> results) {
        String suiteClass = "chaos." + (header.scenario() != null ? header.scenario() : "history");
        List<Case> cases = new ArrayList<>();
        for (CheckResult r : results) {
            cases.add(new Case(suiteClass, r.checker(), r.verdict(), reason(r), String.join("\n", r.summary()), seconds(r)));
            if (r.checker().equals("slo")) {
                cases.addAll(thresholds(suiteClass + ".slo", r.details().get("thresholds")));
            }
        }
        long failures = cases.stream().filter(c -> c.verdict() == Verdict.INVALID).count();
        long skipped = cases.stream().filter(c -> c.verdict() == Verdict.UNKNOWN).count();
        double total = cases.stream().mapToDouble(Case::seconds).sum();
        StringBuilder x = new StringBuilder(4096);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        x.append("<testsuite name=\"chaos\" tests=\"").append(cases.size()).append("\" failures=\"").append(failures)
                .append("\" errors=\"0\" skipped=\"").append(skipped).append("\" time=\"").append(secs(total)).append("\">\n");
        x.append("  <properties>\n");
        property(x, "scenario", header.scenario());
        property(x, "target", header.target());
        property(x, "nodes", header.nodes().isEmpty() ? null : String.join(",", header.nodes()));
        property(x, "seed", header.seed() == null ? null : header.seed().toString());
        property(x, "started", header.started());
        property(x, "tool", header.tool());
        x.append("  </properties>\n");
        for (Case c : cases) {
            x.append("  <testcase classname=\"").append(Escape.xml(c.classname())).append("\" name=\"")
                    .append(Escape.xml(c.name())).append("\" time=\"").append(secs(c.seconds())).append('"');
            switch (c.verdict()) {
                case VALID -> {
                    x.append(">\n");
                    systemOut(x, c.body());
                }
                case INVALID -> {
                    x.append(">\n    <failure type=\"invalid\" message=\"").append(Escape.xml(c.message())).append("\">")
                            .append(text(c.body())).append("</failure>\n");
                    systemOut(x, c.body());
                }
                case UNKNOWN -> x.append(">\n    <skipped message=\"").append(Escape.xml("unknown: " + c.message()))
                        .append("\"/>\n");
            }
            x.append("  </testcase>\n");
        }
        x.append("</testsuite>\n");
        return x.toString();
    }

    private static void systemOut(StringBuilder x, String body) {
        if (!body.isEmpty()) {
            x.append("    <system-out>").append(text(body)).append("</system-out>\n");
        }
    }

    private static void property(StringBuilder x, String name, String value) {
        if (value != null) {
            x.append("    <property name=\"").append(name).append("\" value=\"").append(Escape.xml(value)).append("\"/>\n");
        }
    }

    /** Element text keeps its line breaks readable. */
    private static String text(String s) {
        return Escape.xml(s).replace("&#10;", "\n");
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static double seconds(CheckResult r) {
        return r.details().get("millis") instanceof Number n ? n.doubleValue() / 1000 : 0;
    }

    /** The short reason: the summary line that flags the finding, else the first line. */
    static String reason(CheckResult r) {
        String pick = r.summary().isEmpty() ? r.verdict().name().toLowerCase(Locale.ROOT) : r.summary().get(0);
        if (r.verdict() == Verdict.INVALID) {
            for (String line : r.summary()) {
                if (SHOUT.matcher(line).find()) {
                    pick = line;
                    break;
                }
            }
        }
        pick = pick.strip();
        return pick.length() <= MESSAGE_MAX ? pick : pick.substring(0, MESSAGE_MAX) + "...";
    }

    /**
     * SLO thresholds as test cases, from a list of maps or a map by name; each names its limit, the
     * measured value and a verdict ({@code valid}: true, false or "unknown").
     */
    static List<Case> thresholds(String classname, Object thresholds) {
        List<Case> out = new ArrayList<>();
        List<Map.Entry<String, Map<?, ?>>> entries = new ArrayList<>();
        if (thresholds instanceof Collection<?> list) {
            int i = 0;
            for (Object t : list) {
                i++;
                if (t instanceof Map<?, ?> m) {
                    Object name = first(m, "name", "metric", "slo", "id");
                    entries.add(Map.entry(name == null ? "threshold " + i : String.valueOf(name), m));
                }
            }
        } else if (thresholds instanceof Map<?, ?> byName) {
            byName.forEach((k, v) -> {
                if (v instanceof Map<?, ?> m) {
                    entries.add(Map.entry(String.valueOf(k), m));
                }
            });
        }
        for (Map.Entry<String, Map<?, ?>> e : entries) {
            Map<?, ?> m = e.getValue();
            Object valid = first(m, "valid", "ok", "passed");
            Verdict v = Boolean.TRUE.equals(valid) ? Verdict.VALID : Boolean.FALSE.equals(valid) ? Verdict.INVALID : Verdict.UNKNOWN;
            Object limit = first(m, "threshold", "limit", "max", "min");
            Object measured = first(m, "measured", "value", "actual");
            String message = e.getKey() + ": measured " + measured + ", threshold " + limit;
            out.add(new Case(classname, "slo: " + e.getKey(), v, message, message, 0));
        }
        return out;
    }

    private static Object first(Map<?, ?> m, String... keys) {
        for (String k : keys) {
            if (m.containsKey(k)) {
                return m.get(k);
            }
        }
        return null;
    }
}
