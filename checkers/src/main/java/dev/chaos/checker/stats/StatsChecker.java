package dev.chaos.checker.stats;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Latencies;
import dev.chaos.checker.Verdict;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Counts and latencies: ops per f and outcome, per process, and latency percentiles of completed
 * calls, both as service time (invocation to completion) and as response time (intended start to
 * completion: what a user sending at the run's rate waited, corrected for coordinated omission;
 * see {@link dev.chaos.history.Call#responseNanos}), and how the clients kept to the rate
 * schedule ({@link RateSchedule}). It proves nothing about correctness, so its verdict is always valid; it is the first thing
 * to look at in a history from somewhere else.
 */
public final class StatsChecker implements Checker {

    @Override
    public String name() {
        return "stats";
    }

    @Override
    public CheckResult check(History history) {
        List<Call> calls = history.calls();
        Map<String, Outcomes> byF = new TreeMap<>();
        Map<String, Outcomes> byProcess = new TreeMap<>();
        Map<String, Histogram> latencyByF = new TreeMap<>();
        Histogram all = Latencies.histogram();
        Histogram response = Latencies.histogram();
        Map<String, Histogram> responseByF = new TreeMap<>();
        Outcomes total = new Outcomes();
        for (Call c : calls) {
            total.add(c);
            byF.computeIfAbsent(c.f(), k -> new Outcomes()).add(c);
            byProcess.computeIfAbsent(c.process().toString(), k -> new Outcomes()).add(c);
            long nanos = c.latencyNanos();
            if (nanos >= 0 && !c.isIndeterminate()) {
                Latencies.record(all, nanos);
                Latencies.record(latencyByF.computeIfAbsent(c.f(), k -> Latencies.histogram()), nanos);
                if (c.invoke().intended() >= 0) {
                    Latencies.record(response, c.responseNanos());
                    Latencies.record(responseByF.computeIfAbsent(c.f(), k -> Latencies.histogram()), c.responseNanos());
                }
            }
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("ops", history.size());
        details.put("calls", total.asMap());
        // the nemesis' faults; the other named actors (load, monitor) record facts about the run, not faults
        List<Op> actorOps = history.nemesisOps();
        long nemesis = actorOps.stream().filter(op -> op.process().equals(ProcessId.NEMESIS)).count();
        long otherActors = actorOps.size() - nemesis;
        details.put("nemesis-ops", nemesis);
        details.put("other-actor-ops", otherActors);
        Map<String, Object> fs = new LinkedHashMap<>();
        byF.forEach((f, o) -> fs.put(f, o.asMap()));
        details.put("by-f", fs);
        Map<String, Object> ps = new LinkedHashMap<>();
        byProcess.forEach((p, o) -> ps.put(p, o.asMap()));
        details.put("by-process", ps);
        List<String> summary = new ArrayList<>();
        summary.add(history.size() + " ops: " + total.count + " calls (" + total.ok + " ok, " + total.fail + " fail, "
                + total.info + " info/open), " + nemesis + " nemesis events, "
                + (otherActors > 0 ? otherActors + " other actors' events (load, monitor), " : "")
                + byProcess.size() + " client processes");
        byF.forEach((f, o) -> summary.add(String.format("  %-12s %7d calls  %7d ok  %6d fail  %6d info", f, o.count, o.ok, o.fail, o.info)));
        if (all.getTotalCount() > 0) {
            details.put("latency-us", Latencies.percentiles(all));
            Map<String, Object> lf = new LinkedHashMap<>();
            latencyByF.forEach((f, h) -> lf.put(f, Latencies.percentiles(h)));
            details.put("latency-us-by-f", lf);
            summary.add(String.format("  service time  (ok+fail) p50 %s  p95 %s  p99 %s  max %s",
                    micros(all.getValueAtPercentile(50)), micros(all.getValueAtPercentile(95)),
                    micros(all.getValueAtPercentile(99)), micros(all.getMaxValue())));
            if (response.getTotalCount() > 0) {
                details.put("response-us", Latencies.percentiles(response));
                Map<String, Object> rf = new LinkedHashMap<>();
                responseByF.forEach((f, h) -> rf.put(f, Latencies.percentiles(h)));
                details.put("response-us-by-f", rf);
                summary.add(String.format("  response time (from the intended start) p50 %s  p95 %s  p99 %s  max %s",
                        micros(response.getValueAtPercentile(50)), micros(response.getValueAtPercentile(95)),
                        micros(response.getValueAtPercentile(99)), micros(response.getMaxValue())));
            }
        } else {
            summary.add("  latency: the history has no times");
        }
        RateSchedule schedule = RateSchedule.of(history);
        if (schedule != null) {
            details.put("schedule", schedule.asMap());
            summary.add(String.format("  schedule: %.1f ops/s asked, %.1f made; invoked behind the slot p50 %s  p99 %s  max %s; %d late (> %d ms)",
                    schedule.askedPerSec(), schedule.madePerSec(), micros(schedule.lag().getValueAtPercentile(50)),
                    micros(schedule.lag().getValueAtPercentile(99)), micros(schedule.lag().getMaxValue()), schedule.late(),
                    RateSchedule.LATE_NANOS / 1_000_000));
            if (schedule.limit() != null) {
                summary.add("  limit: " + schedule.limit());
            }
        }
        return new CheckResult(name(), Verdict.VALID, summary, details);
    }

    private static String micros(long us) {
        if (us >= 10_000) {
            return String.format("%.1f ms", us / 1000.0);
        }
        return us + " µs";
    }

    private static final class Outcomes {
        long count;
        long ok;
        long fail;
        long info;

        void add(Call c) {
            count++;
            if (c.isOk()) {
                ok++;
            } else if (c.isFail()) {
                fail++;
            } else {
                info++;
            }
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("count", count);
            m.put("ok", ok);
            m.put("fail", fail);
            m.put("info", info);
            return m;
        }
    }
}
