package dev.chaos.checker.convergence;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Did the replicas converge after the final heal, and how fast? Reads the convergence probe: the
 * {@code final} reads the runner takes of every node after the heal. The replicas converged at the
 * earliest moment from which every node's latest read returned the same state and no later read
 * changed that. Converge time is measured from the heal (the last nemesis {@code heal}, else the last
 * nemesis event) or from the last client completion, whichever is later: while clients write,
 * replicas cannot agree. Lists are compared as sets (a set workload's order carries no meaning).
 * A node the probe asked that never answered has not converged: it may still be rejoining or stuck.
 */
public final class ConvergenceChecker implements Checker {

    private final Duration within;

    public ConvergenceChecker(Duration within) {
        this.within = within;
    }

    @Override
    public String name() {
        return "convergence";
    }

    @Override
    public boolean appliesTo(History history) {
        return history.ops().stream().anyMatch(Op::isFinal);
    }

    @Override
    public CheckResult check(History history) {
        long healTime = -1;
        long lastNemesis = -1;
        for (Op op : history.nemesisOps()) {
            lastNemesis = op.time();
            if (op.f().equals("heal")) {
                healTime = op.time();
            }
        }
        if (healTime < 0) {
            healTime = lastNemesis;
        }
        List<Call> finals = new ArrayList<>();
        Set<String> nodes = new TreeSet<>();
        Map<String, Call> unanswered = new TreeMap<>(); // per node probed but never answering: its last read
        for (Call c : history.calls()) {
            if (c.invoke().isFinal() && c.invoke().node() != null) {
                if (c.isOk()) {
                    finals.add(c);
                    nodes.add(c.invoke().node());
                } else {
                    unanswered.put(c.invoke().node(), c);
                }
            }
        }
        unanswered.keySet().removeAll(nodes);
        if (finals.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN, List.of("no final reads: the run took no convergence probe"), Map.of());
        }
        finals.sort((a, b) -> Long.compare(a.completionIndex(), b.completionIndex()));
        if (healTime < 0) {
            healTime = finals.get(0).invoke().time();
        }
        // Replicas cannot agree while clients still write: the clock starts at the heal or at the last
        // client completion, whichever is later.
        long quiet = healTime;
        for (Op op : history.ops()) {
            if (op.isClient() && !op.isFinal() && !op.isInvoke() && op.time() > quiet) {
                quiet = op.time();
            }
        }
        Map<String, Object> latest = new TreeMap<>();
        long agreeSince = -1;
        for (Call c : finals) {
            latest.put(c.invoke().node(), state(c.completion().value()));
            boolean agree = latest.size() == nodes.size() && new HashSet<>(latest.values()).size() == 1;
            if (agree && agreeSince < 0) {
                agreeSince = c.completion().time();
            } else if (!agree) {
                agreeSince = -1;
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("nodes", new ArrayList<>(nodes));
        d.put("final-reads", finals.size());
        d.put("heal-time-ns", healTime);
        d.put("clock-start-ns", quiet);
        d.put("within-ms", within.toMillis());
        List<String> s = new ArrayList<>();
        if (!unanswered.isEmpty()) {
            Map<String, String> errors = new TreeMap<>();
            unanswered.forEach((n, c) -> errors.put(n, String.valueOf(c.completion() == null ? "no reply" : c.completion().error())));
            d.put("converged", false);
            d.put("unanswered", errors);
            s.add("NOT converged: " + String.join(", ", unanswered.keySet()) + " never answered the convergence probe (last error: "
                    + errors.values().iterator().next() + "); " + nodes.size() + " other nodes answered");
            return new CheckResult(name(), Verdict.INVALID, s, d);
        }
        if (agreeSince < 0) {
            d.put("converged", false);
            d.put("disagreement", disagreement(latest));
            s.add("NOT converged: the last final reads of " + nodes.size() + " nodes still differ " + disagreement(latest));
            return new CheckResult(name(), Verdict.INVALID, s, d);
        }
        long ms = Math.max(0, (agreeSince - quiet) / 1_000_000);
        d.put("converged", true);
        d.put("converge-ms", ms);
        Object agreed = latest.values().iterator().next();
        d.put("state-size", agreed instanceof Collection<?> col ? col.size() : 1);
        boolean inTime = ms <= within.toMillis();
        s.add((inTime ? "converged " : "converged too late: ") + ms + " ms after the heal and the last client write (limit " + within.toSeconds()
                + " s), " + nodes.size() + " nodes agree, " + finals.size() + " final reads");
        return new CheckResult(name(), inTime ? Verdict.VALID : Verdict.INVALID, s, d);
    }

    private static Object state(Object v) {
        return v instanceof Collection<?> c ? Set.copyOf(new HashSet<>(c)) : v;
    }

    /** Per node: how its state differs from the first node's (sizes and a few differing elements). */
    private static Map<String, Object> disagreement(Map<String, Object> latest) {
        Map<String, Object> out = new LinkedHashMap<>();
        Object ref = null;
        for (Map.Entry<String, Object> e : latest.entrySet()) {
            if (ref == null) {
                ref = e.getValue();
                out.put(e.getKey(), describe(e.getValue()));
                continue;
            }
            if (Objects.equals(ref, e.getValue())) {
                out.put(e.getKey(), "same");
            } else if (ref instanceof Set<?> a && e.getValue() instanceof Set<?> b) {
                Set<Object> missing = new TreeSet<>((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
                a.stream().filter(x -> !b.contains(x)).limit(10).forEach(missing::add);
                Set<Object> extra = new TreeSet<>((x, y) -> String.valueOf(x).compareTo(String.valueOf(y)));
                b.stream().filter(x -> !a.contains(x)).limit(10).forEach(extra::add);
                out.put(e.getKey(), b.size() + " elements; lacks " + missing + ", has extra " + extra);
            } else {
                out.put(e.getKey(), describe(e.getValue()));
            }
        }
        return out;
    }

    private static String describe(Object v) {
        return v instanceof Collection<?> c ? c.size() + " elements" : String.valueOf(v);
    }
}
