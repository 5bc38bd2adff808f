package dev.chaos.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Everything report.html draws, as plain data: it is embedded as JSON and the page's script renders
 * it. Built in one pass over the calls per part; sized for the browser, not for the history (see
 * {@link Timeline} and {@link Series} for what is sampled and what never is).
 *
 * @param meta           what ran, and the overall verdict
 * @param checkers       each checker's verdict, summary and details (details as plain JSON data)
 * @param timeline       calls per client thread
 * @param faults         nemesis bands and events
 * @param series         throughput and latency over time; null without times
 * @param latency        percentile table
 * @param lostWrites     the set checker's findings per element; null without a set result
 * @param counterexample the linearizable checker's counterexample; null when there is none
 */
record ReportData(Meta meta, List<CheckerView> checkers, Timeline timeline, Faults faults, Series series,
                  List<LatencyTable.Row> latency, LostWrites lostWrites, Object counterexample) {

    /** How many of the counterexample's longest linearizable prefix the timeline flags (its tail). */
    static final int PREFIX_FLAGGED = 50;

    private static final ObjectMapper PLAIN = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    /**
     * @param axis what x means: {@code ms} since the run started, or {@code op index}
     * @param run  results.json's top-level facts (wall time, source, format, ...)
     */
    record Meta(String title, String verdict, String scenario, String target, List<String> nodes, Long seed,
                String started, String tool, long ops, long calls, String axis, double axisMax, Map<String, Object> run,
                List<String> warnings) {
    }

    record CheckerView(String name, String verdict, List<String> summary, Object details) {
    }

    static ReportData of(History history, List<CheckResult> results, Map<String, Object> resultsJson) {
        Axis axis = Axis.of(history);
        List<Call> calls = history.calls();
        List<CheckerView> views = new ArrayList<>();
        CheckResult set = null;
        Object counterexample = null;
        for (CheckResult r : results) {
            // records (a counterexample) and sets become maps and lists once, here
            Object details = PLAIN.convertValue(r.details(), Object.class);
            views.add(new CheckerView(r.checker(), word(r.verdict()), r.summary(), details));
            if (r.checker().equals("set")) {
                set = r;
            }
            if (r.checker().equals("linearizable") && details instanceof Map<?, ?> m && m.get("counterexample") != null) {
                counterexample = m.get("counterexample");
            }
        }
        LostWrites lost = LostWrites.of(set, calls, axis);
        Map<Long, String> flagged = new HashMap<>();
        if (lost != null) {
            flagged.putAll(lost.flagged());
        }
        counterexampleOps(counterexample).forEach(i -> flagged.putIfAbsent(i, "counterexample"));
        for (CheckerView v : views) {
            anomalyOps(v).forEach(i -> flagged.putIfAbsent(i, "anomaly"));
        }
        Timeline timeline = Timeline.of(calls, axis, flagged);
        return new ReportData(meta(history, results, resultsJson, axis, calls.size()), views, timeline,
                Faults.of(history, axis), Series.of(calls, axis), LatencyTable.of(calls), lost, counterexample);
    }

    private static Meta meta(History history, List<CheckResult> results, Map<String, Object> json, Axis axis, long calls) {
        HistoryHeader h = history.header();
        Map<String, Object> run = new LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        if (json != null) {
            json.forEach((k, v) -> {
                if (k.equals("warnings") && v instanceof Collection<?> c) {
                    c.forEach(w -> warnings.add(String.valueOf(w)));
                } else if (!k.equals("checkers") && !k.equals("valid") && (v == null || v instanceof String
                        || v instanceof Number || v instanceof Boolean)) {
                    run.put(k, v);
                }
            });
        }
        String title = h.scenario() != null
                ? h.scenario() + (h.target() != null ? " on " + h.target() : "")
                : json != null && json.get("history") instanceof String s ? s : "history";
        Verdict verdict = Verdict.combine(results.stream().map(CheckResult::verdict).toList());
        return new Meta(OpText.cut(title), word(verdict), h.scenario(), h.target(), h.nodes(), h.seed(), h.started(),
                h.tool(), history.size(), calls, axis.unit(), axis.max(), run, warnings);
    }

    static String word(Verdict v) {
        return v.name().toLowerCase(Locale.ROOT);
    }

    /** Invocation indices of the counterexample's blocked op, its concurrent ops and its prefix' tail. */
    private static Set<Long> counterexampleOps(Object cx) {
        Set<Long> out = new HashSet<>();
        if (!(cx instanceof Map<?, ?> m)) {
            return out;
        }
        addInvoke(m.get("blocked"), out);
        if (m.get("concurrent") instanceof List<?> l) {
            l.forEach(op -> addInvoke(op, out));
        }
        if (m.get("prefix") instanceof List<?> l) {
            l.subList(Math.max(0, l.size() - PREFIX_FLAGGED), l.size()).forEach(op -> addInvoke(op, out));
        }
        return out;
    }

    /**
     * Invocation indices of the transactions in a transactional checker's anomaly examples: each
     * cycle's transactions, and the ops each non-cycle finding names.
     */
    private static Set<Long> anomalyOps(CheckerView v) {
        Set<Long> out = new HashSet<>();
        if (!(v.details() instanceof Map<?, ?> d) || !(d.get("anomalies") instanceof Map<?, ?> anomalies)) {
            return out;
        }
        for (Object a : anomalies.values()) {
            if (!(a instanceof Map<?, ?> am) || !(am.get("examples") instanceof List<?> examples)) {
                continue;
            }
            for (Object ex : examples) {
                if (!(ex instanceof Map<?, ?> e)) {
                    continue;
                }
                if (e.get("cycle") instanceof List<?> steps) {
                    for (Object st : steps) {
                        if (st instanceof Map<?, ?> sm && sm.get("from") instanceof Map<?, ?> from && from.get("index") instanceof Number n) {
                            out.add(n.longValue());
                        }
                    }
                } else if (e.get("ops") instanceof List<?> ops) {
                    ops.forEach(o -> {
                        if (o instanceof Number n) {
                            out.add(n.longValue());
                        }
                    });
                }
            }
        }
        return out;
    }

    private static void addInvoke(Object op, Set<Long> out) {
        if (op instanceof Map<?, ?> m && m.get("invoke") instanceof Number n) {
            out.add(n.longValue());
        }
    }
}
