package dev.chaos.checker.txn;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns what a transactional checker found (anomalies that are cycles, and those that are not) into
 * a {@link CheckResult}: which models the history violates, the weakest of them, and whether the model
 * the system claims is among them. Invalid only for anomalies the claimed model forbids; unknown when
 * the search ran out of budget before it could rule out one that it forbids.
 */
final class TxnVerdict {

    /**
     * The end every transactional checker shares: the dependency graph built from {@code edges} (unless
     * its edges outgrew the memory limit, then cycles are named as unfinished), its cycles searched
     * within the time limit, and the verdict of {@link #of}.
     */
    static CheckResult judge(String checker, ConsistencyModel claimed, List<Txn> txns, DepGraph.Builder edges, Findings findings,
                             Explainer explainer, Map<String, String> unfinished, CheckOptions options, long started) {
        DepGraph graph = null;
        CycleSearch.Result cycles = null;
        if (edges.full()) {
            unfinished.put("cycles", "the dependency graph's edges need more than the memory limit of "
                    + (options.memoryLimit() >> 20) + " MiB (" + DepGraph.Builder.BYTES_PER_EDGE + " bytes per edge while built)");
        } else {
            graph = edges.build();
            cycles = CycleSearch.run(graph, new CycleSearch.Budget(started + options.timeLimit().toNanos(),
                    100L * (graph.edges() + graph.nodes()) + 10_000_000L));
            unfinished.putAll(cycles.unfinished());
        }
        return of(checker, claimed, txns, graph, findings, cycles, explainer, unfinished, (System.nanoTime() - started) / 1_000_000);
    }

    /** Read values longer than this are shown by their last elements only. */
    private static final int SHOWN_ELEMENTS = 4;

    private TxnVerdict() {
    }

    static CheckResult of(String checker, ConsistencyModel claimed, List<Txn> txns, DepGraph graph, Findings findings,
                          CycleSearch.Result cycles, Explainer explainer, Map<String, String> unfinished, long millis) {
        Map<String, Object> anomalies = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        List<String> firstTexts = new ArrayList<>();
        if (cycles != null) {
            cycles.examples().forEach((name, list) -> {
                List<Object> ex = new ArrayList<>();
                for (CycleSearch.Cycle c : list) {
                    ex.add(cycleData(c, txns, explainer));
                }
                counts.put(name, (long) cycles.counts().get(name));
                anomalies.put(name, Map.of("count", cycles.counts().get(name), "examples", ex));
            });
        }
        findings.examples().forEach((name, list) -> {
            List<Object> ex = new ArrayList<>();
            for (Findings.Finding f : list) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("key", f.key());
                m.put("ops", f.ops());
                m.put("text", f.text());
                ex.add(m);
            }
            counts.put(name, findings.counts().get(name));
            anomalies.put(name, Map.of("count", findings.counts().get(name), "examples", ex));
        });
        Set<ConsistencyModel> violated = EnumSet.noneOf(ConsistencyModel.class);
        for (String name : counts.keySet()) {
            violated.addAll(ConsistencyModel.forbidding(name));
        }
        TreeSet<String> forbidden = new TreeSet<>();
        TreeSet<String> allowed = new TreeSet<>();
        for (String name : counts.keySet()) {
            (ConsistencyModel.forbidding(name).contains(claimed) ? forbidden : allowed).add(name);
        }
        boolean undecided = false;
        for (String name : unfinished.keySet()) {
            if (name.equals("cycles") || ConsistencyModel.forbidding(name).contains(claimed)) {
                undecided = true;
            }
        }
        Verdict verdict = !forbidden.isEmpty() ? Verdict.INVALID : undecided ? Verdict.UNKNOWN : Verdict.VALID;

        long committed = txns.stream().filter(Txn::committed).count();
        long failed = txns.stream().filter(t -> t.status() == Txn.Status.FAIL).count();
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("consistency", claimed.wire());
        details.put("txns", txns.size());
        details.put("committed", committed);
        details.put("failed", failed);
        details.put("unknown", txns.size() - committed - failed);
        details.put("edges", graph == null ? 0 : graph.edges());
        details.put("anomaly-types", new ArrayList<>(counts.keySet()));
        details.put("forbidden", new ArrayList<>(forbidden));
        details.put("allowed", new ArrayList<>(allowed));
        details.put("violates", violated.stream().map(ConsistencyModel::wire).toList());
        details.put("weakest-violated", ConsistencyModel.weakest(violated).stream().map(ConsistencyModel::wire).toList());
        details.put("anomalies", anomalies);
        details.put("unfinished", unfinished);
        details.put("millis", millis);

        for (String name : forbidden.isEmpty() ? counts.keySet() : forbidden) {
            Object first = ((List<?>) ((Map<?, ?>) anomalies.get(name)).get("examples")).get(0);
            firstTexts.add(name + ": " + ((Map<?, ?>) first).get("text"));
        }
        List<String> summary = new ArrayList<>();
        String scope = txns.size() + " txns (" + committed + " committed, " + failed + " failed), " + millis + " ms";
        String found = counts.isEmpty() ? "no anomalies" : "anomalies " + describe(counts);
        summary.add(switch (verdict) {
            case VALID -> claimed.wire() + ": " + found + "; " + scope;
            case INVALID -> "NOT " + claimed.wire() + ": " + describe(counts, forbidden) + "; " + scope;
            case UNKNOWN -> "undecided for " + claimed.wire() + ": " + found + ", but not finished: " + unfinished;
        });
        if (!violated.isEmpty()) {
            summary.add("weakest model violated: " + String.join(" and ",
                    ConsistencyModel.weakest(violated).stream().map(ConsistencyModel::wire).toList())
                    + (allowed.isEmpty() ? "" : "; " + claimed.wire() + " allows " + allowed));
        }
        firstTexts.stream().limit(4).forEach(summary::add);
        return new CheckResult(checker, verdict, summary, details);
    }

    private static String describe(Map<String, Long> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(k + " (" + v + ")"));
        return String.join(", ", parts);
    }

    private static String describe(Map<String, Long> counts, Set<String> only) {
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> {
            if (only.contains(k)) {
                parts.add(k + " (" + v + ")");
            }
        });
        return String.join(", ", parts);
    }

    private static Map<String, Object> cycleData(CycleSearch.Cycle c, List<Txn> txns, Explainer explainer) {
        List<Object> steps = new ArrayList<>();
        List<String> clauses = new ArrayList<>();
        int k = c.nodes().length;
        for (int i = 0; i < k; i++) {
            Txn a = txns.get(c.nodes()[i]);
            Txn b = txns.get(c.nodes()[(i + 1) % k]);
            int label = c.labels()[i];
            Explainer.Reason why = switch (label) {
                case DepGraph.PROCESS -> new Explainer.Reason(null, null,
                        a.name() + " and " + b.name() + " ran on process " + a.call().process() + ", in that order");
                case DepGraph.REALTIME -> new Explainer.Reason(null, null,
                        a.name() + " completed before " + b.name() + " began");
                default -> explainer.explain(a.id(), b.id(), label);
            };
            if (why == null) {
                why = new Explainer.Reason(null, null, a.name() + " precedes " + b.name() + " (" + DepGraph.typeName(label) + ")");
            }
            Map<String, Object> step = new LinkedHashMap<>();
            step.put("from", node(a));
            step.put("to", node(b));
            step.put("type", DepGraph.typeName(label));
            step.put("key", why.key());
            step.put("value", why.value());
            step.put("text", why.text());
            steps.add(step);
            clauses.add(why.text());
        }
        Txn first = txns.get(c.nodes()[0]);
        String text = String.join("; ", clauses) + ". So " + first.name() + " must come after itself: a cycle.";
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cycle", steps);
        m.put("text", text);
        return m;
    }

    private static Map<String, Object> node(Txn t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", t.name());
        m.put("index", t.index());
        m.put("process", t.call().process().toString());
        m.put("status", t.status().name().toLowerCase(java.util.Locale.ROOT));
        m.put("ops", opsText(t));
        return m;
    }

    /** {@code append x 3; r y [... 4 5]}: a transaction in one short line. */
    static String opsText(Txn t) {
        StringBuilder sb = new StringBuilder();
        for (MicroOp m : t.ops()) {
            if (!sb.isEmpty()) {
                sb.append("; ");
            }
            sb.append(m.f()).append(' ').append(m.key()).append(' ').append(valueText(m.value()));
            if (sb.length() > 300) {
                sb.append(" ...");
                break;
            }
        }
        return sb.toString();
    }

    static String valueText(Object v) {
        if (v == null) {
            return "nil";
        }
        if (v instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            int from = Math.max(0, l.size() - SHOWN_ELEMENTS);
            if (from > 0) {
                sb.append("... ");
            }
            for (int i = from; i < l.size(); i++) {
                sb.append(i > from ? " " : "").append(l.get(i));
            }
            return sb.append(']').toString();
        }
        return String.valueOf(v);
    }
}
