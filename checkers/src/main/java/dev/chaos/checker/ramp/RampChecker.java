package dev.chaos.checker.ramp;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.availability.Tally;
import dev.chaos.fault.FaultWindows;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The breaking point of a load ramp. The run records each step as it begins ({@code ramp-step}:
 * its rate, its start, the thresholds); every client call belongs to the step its intended start
 * falls in, and a step holds when its error rate (fail + info among its calls) and the 99th
 * percentile response time of its acknowledged calls are within the thresholds. The breaking point
 * is the rate of the highest step that held with no later step holding: the break that lasted.
 * A step that broke while a higher one held after it (a cold first step, a burst of work elsewhere
 * on the machine) is named as a blip, not taken as the breaking point, since the system carried
 * more than that rate in the same run. Informational, as the rate a system carries is a figure, not
 * a fault: valid when a step held, unknown when none was recorded or none held.
 */
public final class RampChecker implements Checker {

    /** One step as the history recorded it. */
    record Step(long number, double rate, long fromNanos, Long p99MaxMs, Double errorRateMax) {
    }

    @Override
    public String name() {
        return "ramp";
    }

    @Override
    public boolean appliesTo(History history) {
        return !steps(history).isEmpty();
    }

    static List<Step> steps(History history) {
        List<Step> steps = new ArrayList<>();
        for (Op op : history.nemesisOps()) {
            if (op.f().equals("ramp-step") && op.value() instanceof Map<?, ?> v && v.get("rate") instanceof Number rate
                    && v.get("from-ms") instanceof Number from) {
                steps.add(new Step(v.get("step") instanceof Number n ? n.longValue() : steps.size(), rate.doubleValue(),
                        from.longValue() * 1_000_000, v.get("p99-latency-max-ms") instanceof Number p ? p.longValue() : null,
                        v.get("error-rate-max") instanceof Number e ? e.doubleValue() : null));
            }
        }
        return steps;
    }

    @Override
    public CheckResult check(History history) {
        List<Step> steps = steps(history);
        if (steps.isEmpty()) {
            return new CheckResult(name(), Verdict.UNKNOWN, List.of("no ramp-step in the history: the run had no ramp"), Map.of());
        }
        List<Tally> tallies = new ArrayList<>();
        steps.forEach(s -> tallies.add(new Tally()));
        for (Call c : FaultWindows.clientCalls(history)) {
            int i = stepOf(steps, c.startTime());
            if (i >= 0) {
                tallies.get(i).add(c);
            }
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> summary = new ArrayList<>();
        List<Boolean> held = new ArrayList<>();
        List<String> brokeBy = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            Tally t = tallies.get(i);
            long p99Us = t.responseMicrosAt(99);
            List<String> failed = new ArrayList<>();
            if (t.count() == 0) {
                failed.add("no calls");
            }
            if (s.errorRateMax() != null && t.errorRate() > s.errorRateMax()) {
                failed.add(String.format("error rate %.4f > %s", t.errorRate(), s.errorRateMax()));
            }
            if (s.p99MaxMs() != null && (p99Us < 0 || p99Us > s.p99MaxMs() * 1000)) {
                failed.add(p99Us < 0 ? "no acknowledged call" : String.format("p99 %.1f ms > %d ms", p99Us / 1000.0, s.p99MaxMs()));
            }
            long spanNanos = i + 1 < steps.size() ? steps.get(i + 1).fromNanos() - s.fromNanos() : -1;
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("step", s.number());
            row.put("rate", s.rate());
            row.put("calls", t.count());
            if (spanNanos > 0) {
                row.put("made-per-second", Math.round(t.count() * 1e9 / spanNanos * 10) / 10.0);
            }
            row.put("error-rate", Math.round(t.errorRate() * 10000) / 10000.0);
            row.put("p99-response-ms", p99Us < 0 ? null : p99Us / 1000.0);
            row.put("held", failed.isEmpty());
            if (!failed.isEmpty()) {
                row.put("broke", String.join("; ", failed));
            }
            rows.add(row);
            summary.add(String.format("  step %2d  %8.0f ops/s asked  %7d calls  error rate %.4f  p99 %s  %s", s.number(), s.rate(),
                    t.count(), t.errorRate(), p99Us < 0 ? "-" : String.format("%.1f ms", p99Us / 1000.0),
                    failed.isEmpty() ? "held" : "BROKE: " + String.join("; ", failed)));
            held.add(failed.isEmpty());
            brokeBy.add(String.join("; ", failed));
        }
        int last = held.lastIndexOf(true); // the highest step that held; every later one broke
        Double breakingPoint = last < 0 ? null : steps.get(last).rate();
        List<String> blips = new ArrayList<>();
        for (int i = 0; i < last; i++) {
            if (!held.get(i)) {
                blips.add(String.format("%.0f ops/s (%s)", steps.get(i).rate(), brokeBy.get(i)));
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("steps", rows);
        details.put("breaking-point", breakingPoint);
        details.put("blips", blips);
        String head;
        Verdict verdict;
        if (last < 0) {
            head = String.format("no step held, from the first (%.0f ops/s: %s); start the ramp lower", steps.get(0).rate(),
                    brokeBy.get(0));
            verdict = Verdict.UNKNOWN;
        } else if (last == steps.size() - 1) {
            head = String.format("%s, up to %.0f ops/s: the breaking point is higher (ramp further)",
                    blips.isEmpty() ? "held every step" : "the last step held", breakingPoint);
            verdict = Verdict.VALID;
        } else {
            head = String.format("breaking point %.0f ops/s: the highest rate that held, with every higher step broken; at %.0f ops/s %s",
                    breakingPoint, steps.get(last + 1).rate(), brokeBy.get(last + 1));
            verdict = Verdict.VALID;
        }
        if (!blips.isEmpty()) {
            head += "; broke but a higher step held after: " + String.join(", ", blips);
        }
        details.put("summary", head);
        summary.add(0, head);
        return new CheckResult(name(), verdict, summary, details);
    }

    /** The index of the step whose span holds {@code time}, or -1 before the first. */
    private static int stepOf(List<Step> steps, long time) {
        int found = -1;
        for (int i = 0; i < steps.size() && steps.get(i).fromNanos() <= time; i++) {
            found = i;
        }
        return found;
    }
}
