package dev.chaos.checker.procedure;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Did every operator procedure of the run succeed? Reads the nemesis ops the runner records for
 * procedures ({@code start-procedure}, {@code begin-step}, {@code end-step}, {@code stop-procedure}):
 * valid when every procedure that started stopped with every step at exit 0; invalid when a step
 * failed (non-zero exit, an error, a timeout) or a procedure never finished. Reports each
 * procedure's duration and the slowest step of each kind, so a rolling restart's time per node can be
 * read off results.json.
 */
public final class ProcedureChecker implements Checker {

    @Override
    public String name() {
        return "procedure";
    }

    @Override
    public boolean appliesTo(History history) {
        return history.nemesisOps().stream().anyMatch(op -> op.f().equals("start-procedure"));
    }

    @Override
    public CheckResult check(History history) {
        List<Map<String, Object>> procedures = new ArrayList<>();
        Map<String, Object> open = null;
        List<Map<String, Object>> steps = null;
        boolean valid = true;
        List<String> summary = new ArrayList<>();
        for (Op op : history.nemesisOps()) {
            Map<?, ?> v = op.value() instanceof Map<?, ?> m ? m : Map.of();
            switch (op.f()) {
                case "start-procedure" -> {
                    open = new LinkedHashMap<>();
                    open.put("name", String.valueOf(v.get("name")));
                    open.put("nodes", v.get("nodes"));
                    open.put("start-ms", op.time() / 1_000_000);
                    steps = new ArrayList<>();
                    open.put("steps", steps);
                    procedures.add(open);
                }
                case "end-step" -> {
                    if (steps != null) {
                        Map<String, Object> s = new LinkedHashMap<>();
                        v.forEach((k, x) -> s.put(String.valueOf(k), x));
                        s.put("end-ms", op.time() / 1_000_000);
                        steps.add(s);
                    }
                }
                case "stop-procedure" -> {
                    if (open != null) {
                        open.put("stop-ms", op.time() / 1_000_000);
                        open.put("ms", op.time() / 1_000_000 - (Long) open.get("start-ms"));
                        open.put("ok", Boolean.TRUE.equals(v.get("ok")));
                        open = null;
                        steps = null;
                    }
                }
                default -> {
                }
            }
        }
        for (Map<String, Object> p : procedures) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> ss = (List<Map<String, Object>>) p.get("steps");
            Map<String, Object> failed = null;
            for (Map<String, Object> s : ss) {
                if (!(s.get("exit") instanceof Number n) || n.longValue() != 0) {
                    failed = s;
                    break;
                }
            }
            if (!p.containsKey("stop-ms")) {
                p.put("ok", false);
                valid = false;
                summary.add(p.get("name") + ": did not finish (the run ended or was aborted during it); " + ss.size() + " steps done");
            } else if (failed != null || !Boolean.TRUE.equals(p.get("ok"))) {
                p.put("ok", false);
                valid = false;
                summary.add(p.get("name") + ": FAILED at step " + describe(failed) + " after " + p.get("ms") + " ms; later steps skipped");
            } else {
                summary.add(p.get("name") + ": " + ss.size() + " steps ok in " + p.get("ms") + " ms" + slowest(ss));
            }
            if (failed != null) {
                p.put("failed-step", failed);
            }
        }
        if (procedures.isEmpty()) {
            summary.add("no procedures in the history");
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("procedures", procedures);
        return new CheckResult(name(), valid ? Verdict.VALID : Verdict.INVALID, summary, d);
    }

    private static String describe(Map<String, Object> s) {
        if (s == null) {
            return "(none recorded)";
        }
        StringBuilder b = new StringBuilder(String.valueOf(s.get("action")));
        if (s.get("node") != null) {
            b.append(' ').append(s.get("node"));
        }
        if (s.get("command") != null) {
            b.append(" '").append(s.get("command")).append('\'');
        }
        b.append(" (exit ").append(s.get("exit"));
        if (s.get("error") != null) {
            b.append(", ").append(s.get("error"));
        }
        return b.append(')').toString();
    }

    /** The slowest step of each kind that waits: how long nodes took to serve or catch up again. */
    private static String slowest(List<Map<String, Object>> steps) {
        Map<String, Long> worst = new LinkedHashMap<>();
        for (Map<String, Object> s : steps) {
            String a = String.valueOf(s.get("action"));
            if ((a.startsWith("wait-") || a.equals("run")) && s.get("ms") instanceof Number n) {
                worst.merge(a, n.longValue(), Math::max);
            }
        }
        if (worst.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        worst.forEach((a, ms) -> parts.add(a + " " + ms + " ms"));
        return "; slowest " + String.join(", ", parts);
    }
}
