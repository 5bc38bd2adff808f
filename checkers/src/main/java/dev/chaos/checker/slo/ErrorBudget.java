package dev.chaos.checker.slo;

import dev.chaos.fault.FaultWindows;
import dev.chaos.fault.FaultWindows.Fault;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An availability objective's error budget over one run, per phase. With objective o, a phase of n
 * client calls may have {@code (1 - o) * n} of them fail or stay indeterminate (info, or never
 * completed): its allowance. A phase's {@code consumed} is its bad calls over its own allowance
 * (1.0: exactly spent; 3.0: three times over); its {@code share} is its bad calls over the whole
 * run's allowance, so the shares add up to the run's consumption and show which phase spent it.
 * The run is judged as a whole: it overspends when its bad calls exceed its allowance, i.e. when
 * its availability (ok / all) is below the objective. A fault is expected to burn budget; the
 * question is whether the run as a whole stayed within it.
 *
 * <p>Phases are the availability checker's, by each call's intended start: before the first fault,
 * during a fault, between faults, after the final heal (or the last stop).
 *
 * @param objective the fraction of calls that must be ok, 0 &lt; o &lt; 1
 * @param run       the whole run
 * @param phases    the phases that had calls, in run order
 */
public record ErrorBudget(double objective, Phase run, List<Phase> phases) {

    /**
     * One phase's spending.
     *
     * @param allowed the bad calls the objective allows in it, {@code (1 - objective) * calls}
     * @param share   its bad calls over the whole run's allowance
     */
    public record Phase(String name, long calls, long failed, long indeterminate, double allowed, double share) {

        public long bad() {
            return failed + indeterminate;
        }

        /** Bad calls over the phase's own allowance; 0 for a phase without calls. */
        public double consumed() {
            return allowed == 0 ? 0 : bad() / allowed;
        }

        public double availability() {
            return calls == 0 ? 1 : (calls - bad()) / (double) calls;
        }
    }

    /** The run kept within its budget: bad calls at most the allowance (availability at least the objective). */
    public boolean withinBudget() {
        return run.bad() <= run.allowed() + 1e-9;
    }

    public static ErrorBudget of(History history, double objective) {
        List<Fault> faults = FaultWindows.of(history);
        long heal = -1;
        for (Op op : history.nemesisOps()) {
            if (op.f().equals("heal")) {
                heal = op.time();
            }
        }
        long firstFault = faults.isEmpty() ? Long.MAX_VALUE : faults.get(0).start();
        long lastStop = faults.stream().mapToLong(Fault::stop).max().orElse(-1);
        long afterFrom = heal >= 0 ? heal : lastStop;
        Map<String, long[]> counts = new LinkedHashMap<>(); // calls, failed, indeterminate
        for (String p : List.of("before", "during", "between", "after")) {
            counts.put(p, new long[3]);
        }
        long[] all = new long[3];
        for (Call c : FaultWindows.clientCalls(history)) {
            long t = c.startTime();
            String phase = t < firstFault ? "before" : !FaultWindows.openAt(faults, t).isEmpty() ? "during"
                    : afterFrom >= 0 && t >= afterFrom ? "after" : "between";
            int outcome = c.isOk() ? -1 : c.isFail() ? 1 : 2;
            for (long[] n : List.of(counts.get(phase), all)) {
                n[0]++;
                if (outcome > 0) {
                    n[outcome]++;
                }
            }
        }
        double budget = 1 - objective;
        double runAllowed = budget * all[0];
        List<Phase> phases = new ArrayList<>();
        counts.forEach((name, n) -> {
            if (n[0] > 0) {
                phases.add(new Phase(name, n[0], n[1], n[2], budget * n[0], runAllowed == 0 ? 0 : (n[1] + n[2]) / runAllowed));
            }
        });
        Phase run = new Phase("run", all[0], all[1], all[2], runAllowed, runAllowed == 0 ? 0 : (all[1] + all[2]) / runAllowed);
        return new ErrorBudget(objective, run, List.copyOf(phases));
    }

    /** One line per phase, for the checker's summary. */
    List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Phase p : phases) {
            out.add(String.format("  budget %-8s %d calls, %d fail + %d info, %s allowed: %s of its budget, %s of the run's",
                    p.name(), p.calls(), p.failed(), p.indeterminate(), round(p.allowed()), percent(p.consumed()), percent(p.share())));
        }
        return out;
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("objective", objective);
        m.put("within-budget", withinBudget());
        m.put("run", phaseMap(run));
        List<Map<String, Object>> ps = new ArrayList<>();
        phases.forEach(p -> ps.add(phaseMap(p)));
        m.put("phases", ps);
        return m;
    }

    private static Map<String, Object> phaseMap(Phase p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("phase", p.name());
        m.put("calls", p.calls());
        m.put("fail", p.failed());
        m.put("info", p.indeterminate());
        m.put("allowed", round(p.allowed()));
        m.put("consumed", round(p.consumed()));
        m.put("share", round(p.share()));
        m.put("availability", round(p.availability()));
        return m;
    }

    static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }

    static String percent(double fraction) {
        double pc = fraction * 100;
        return (pc >= 100 ? String.format("%.0f", pc) : String.format("%.1f", pc)) + "%";
    }
}
