package dev.chaos.checker.slo;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.availability.Tally;
import dev.chaos.checker.convergence.ConvergenceChecker;
import dev.chaos.fault.FaultWindows;
import dev.chaos.fault.FaultWindows.Fault;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario's service-level objectives, each a verdict of its own with the measured value beside
 * its threshold ({@code thresholds: [{name, threshold, measured, unit, valid}]}). Measurements are
 * the availability checker's ({@link FaultWindows}) and the convergence checker's:
 *
 * <ul>
 *   <li>{@code failover-max}: the worst fault's time from its start op to the first acknowledged
 *       write on the majority side; a fault with no such write fails it. A fault window that
 *       left no majority (a cascading loss past half the nodes) is not judged.</li>
 *   <li>{@code majority-availability-min}: ok / all among calls invoked on majority-side nodes
 *       while a fault was active (on the majority side of every fault then active, when a
 *       partition and a node fault overlap).</li>
 *   <li>{@code error-rate-max}: fail or info / all among client calls (final reads excluded).</li>
 *   <li>{@code p99-latency-max}: 99th percentile response time of acknowledged calls: from the
 *       intended start (the call's slot in the rate schedule) to the completion, so time spent
 *       waiting for a client the stalled system held counts ({@link Call#responseNanos}; the
 *       service time for histories without intended starts).</li>
 *   <li>{@code convergence-max}: time from the heal (and the last client write) until every
 *       replica agrees; not converged fails it.</li>
 *   <li>{@code fault-p99-latency-max}: 99th percentile response time of acknowledged calls meant to
 *       start while a fault or a procedure was active (a procedure is a fault window too).</li>
 *   <li>{@code availability-objective}: ok / all client calls at least the objective, i.e. the run's
 *       fail + info calls within its error budget; how each phase spent it ({@link ErrorBudget})
 *       is shown beside the verdict and in {@code error-budget}.</li>
 * </ul>
 *
 * A threshold about faults holds trivially when the history has none (measured: null). The run is
 * valid only if every threshold holds.
 */
public final class SloChecker implements Checker {

    private final Slo slo;
    private final Duration convergeWithin;

    public SloChecker(Slo slo, Duration convergeWithin) {
        this.slo = slo;
        this.convergeWithin = convergeWithin;
    }

    @Override
    public String name() {
        return "slo";
    }

    @Override
    public boolean appliesTo(History history) {
        return slo != null && !slo.judgesNothing();
    }

    @Override
    public CheckResult check(History history) {
        if (slo == null || slo.judgesNothing()) {
            return new CheckResult(name(), Verdict.UNKNOWN, List.of("no SLO thresholds given (a scenario's slo:, or --slo)"), Map.of());
        }
        List<Fault> faults = FaultWindows.of(history);
        List<Call> calls = FaultWindows.clientCalls(history);
        List<Threshold> out = new ArrayList<>();
        if (slo.failoverMax() != null) {
            Long worst = null;
            boolean missing = false;
            for (Fault f : faults) {
                if (!f.hasMajority()) {
                    continue; // quorum gone: there is no side to fail over to until the fault grows back
                }
                Long n = FaultWindows.failoverNanos(f, faults, calls);
                if (n == null) {
                    missing = true;
                } else if (worst == null || n > worst) {
                    worst = n;
                }
            }
            Long ms = worst == null ? null : worst / 1_000_000;
            boolean ok = !missing && (ms == null || ms <= slo.failoverMax().toMillis());
            out.add(new Threshold("failover-max", slo.failoverMax().toMillis(), missing ? null : ms, "ms", ok,
                    missing ? "a fault saw no acknowledged majority-side write after its start" : faults.isEmpty() ? "no faults" : null));
        }
        if (slo.majorityAvailabilityMin() != null) {
            Tally majority = new Tally();
            for (Call c : calls) {
                List<Fault> open = FaultWindows.openAt(faults, c.startTime());
                if (!open.isEmpty() && FaultWindows.onMajoritySide(open, c)) {
                    majority.add(c);
                }
            }
            Double rate = majority.count() == 0 ? null : round(majority.okRate());
            out.add(new Threshold("majority-availability-min", slo.majorityAvailabilityMin(), rate, "fraction",
                    rate == null || rate >= slo.majorityAvailabilityMin(), rate == null ? "no majority-side ops during faults" : null));
        }
        Tally all = new Tally();
        calls.forEach(all::add);
        if (slo.errorRateMax() != null) {
            Double rate = all.count() == 0 ? null : round(all.errorRate());
            out.add(new Threshold("error-rate-max", slo.errorRateMax(), rate, "fraction", rate != null && rate <= slo.errorRateMax(),
                    rate == null ? "no client ops" : null));
        }
        if (slo.p99LatencyMax() != null) {
            long us = all.responseMicrosAt(99);
            Long ms = us < 0 ? null : Math.round(us / 1000.0);
            out.add(new Threshold("p99-latency-max", slo.p99LatencyMax().toMillis(), ms, "ms",
                    ms != null && us <= slo.p99LatencyMax().toMillis() * 1000, ms == null ? "no acknowledged ops" : null));
        }
        if (slo.faultP99LatencyMax() != null) {
            Tally during = new Tally();
            for (Call c : calls) {
                if (!FaultWindows.openAt(faults, c.startTime()).isEmpty()) {
                    during.add(c);
                }
            }
            long us = during.responseMicrosAt(99);
            Long ms = us < 0 ? null : Math.round(us / 1000.0);
            out.add(new Threshold("fault-p99-latency-max", slo.faultP99LatencyMax().toMillis(), ms, "ms",
                    faults.isEmpty() || ms != null && us <= slo.faultP99LatencyMax().toMillis() * 1000,
                    faults.isEmpty() ? "no faults" : ms == null ? "no acknowledged ops during faults" : null));
        }
        if (slo.convergenceMax() != null) {
            CheckResult conv = new ConvergenceChecker(convergeWithin).check(history);
            Object ms = conv.details().get("converge-ms");
            Long measured = ms instanceof Number n ? n.longValue() : null;
            out.add(new Threshold("convergence-max", slo.convergenceMax().toMillis(), measured, "ms",
                    measured != null && measured <= slo.convergenceMax().toMillis(),
                    measured == null ? "did not converge (or no final reads)" : null));
        }
        ErrorBudget budget = null;
        if (slo.availabilityObjective() != null) {
            budget = ErrorBudget.of(history, slo.availabilityObjective());
            ErrorBudget.Phase run = budget.run();
            boolean none = run.calls() == 0;
            out.add(new Threshold("availability-objective", slo.availabilityObjective(), none ? null : ErrorBudget.round(run.availability()),
                    "fraction", !none && budget.withinBudget(), none ? "no client ops" : String.format(
                            "error budget: %d fail + info of %s allowed, %s consumed", run.bad(), ErrorBudget.round(run.allowed()),
                            ErrorBudget.percent(run.consumed()))));
        }
        boolean valid = out.stream().allMatch(Threshold::valid);
        List<String> summary = new ArrayList<>();
        List<Map<String, Object>> details = new ArrayList<>();
        for (Threshold t : out) {
            summary.add(t.line());
            details.add(t.asMap());
        }
        if (budget != null) {
            summary.addAll(budget.lines());
        }
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("thresholds", details);
        if (budget != null) {
            d.put("error-budget", budget.asMap());
        }
        d.put("faults", faults.size());
        return new CheckResult(name(), valid ? Verdict.VALID : Verdict.INVALID, summary, d);
    }

    private static double round(double fraction) {
        return Math.round(fraction * 10000) / 10000.0;
    }

    /** One threshold's verdict. {@code measured} null: nothing to measure (see {@code note}). */
    record Threshold(String name, Number threshold, Number measured, String unit, boolean valid, String note) {

        String line() {
            String cmp = name.endsWith("-min") || name.equals("availability-objective") ? ">=" : "<=";
            return String.format("%s %s: measured %s, must be %s %s%s", valid ? "ok  " : "FAIL", name,
                    measured == null ? "-" : measured + unitSuffix(), cmp, threshold + unitSuffix(), note == null ? "" : " (" + note + ")");
        }

        private String unitSuffix() {
            return unit.equals("ms") ? " ms" : "";
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", name);
            m.put("threshold", threshold);
            m.put("measured", measured);
            m.put("unit", unit);
            m.put("valid", valid);
            if (note != null) {
                m.put("note", note);
            }
            return m;
        }
    }
}
