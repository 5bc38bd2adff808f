package dev.chaos.checker.availability;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Verdict;
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
 * How available the system stayed: per phase (before the first fault, during faults, between
 * faults, after the final heal) the ok / fail / info counts, the ok rate, throughput and latency
 * percentiles, as service time and as response time from the intended start (a call belongs to the
 * phase of its intended start, so the calls a stall held back count in the stall); per side of each partition (the majority component of the grudge against the rest)
 * the ok rate, a call counting on the majority side only when it is on the majority side of every
 * fault open at its time (a partition and a kill may overlap); and the failover time of each fault:
 * from its start to the first acknowledged write invoked after it on a majority-side node (see
 * {@link FaultWindows}). Informational: always
 * valid; the {@code slo} checker judges the same measurements against a scenario's thresholds. The
 * convergence probe's final reads are left out.
 */
public final class AvailabilityChecker implements Checker {

    @Override
    public String name() {
        return "availability";
    }

    @Override
    public boolean appliesTo(History history) {
        return history.ops().stream().anyMatch(op -> op.isClient() && op.time() >= 0);
    }

    @Override
    public CheckResult check(History history) {
        List<Fault> faults = FaultWindows.of(history);
        long heal = -1;
        for (Op op : history.nemesisOps()) {
            if (op.f().equals("heal")) {
                heal = op.time();
            }
        }
        Map<String, Tally> phases = new LinkedHashMap<>();
        for (String p : List.of("before", "during", "between", "after")) {
            phases.put(p, new Tally());
        }
        Map<String, Tally> sides = new LinkedHashMap<>();
        sides.put("majority", new Tally());
        sides.put("minority", new Tally());
        long firstFault = faults.isEmpty() ? Long.MAX_VALUE : faults.get(0).start();
        long lastStop = faults.stream().mapToLong(Fault::stop).max().orElse(-1);
        long afterFrom = heal >= 0 ? heal : lastStop;
        List<Call> calls = FaultWindows.clientCalls(history);
        for (Call c : calls) {
            long t = c.startTime(); // when a user would have sent it: a call held back by a stall belongs to the stall
            List<Fault> open = FaultWindows.openAt(faults, t);
            String phase = t < firstFault ? "before" : !open.isEmpty() ? "during" : (afterFrom >= 0 && t >= afterFrom) ? "after" : "between";
            phases.get(phase).add(c);
            if (FaultWindows.hasSides(open) && c.invoke().node() != null) {
                sides.get(FaultWindows.onMajoritySide(open, c) ? "majority" : "minority").add(c);
            }
        }
        List<Map<String, Object>> failovers = new ArrayList<>();
        long worst = -1;
        for (Fault f : faults) {
            Long nanos = FaultWindows.failoverNanos(f, faults, calls);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fault", f.kind());
            m.put("value", f.value());
            m.put("start-ms", f.start() / 1_000_000);
            m.put("failover-ms", nanos == null ? null : nanos / 1_000_000);
            failovers.add(m);
            if (nanos != null) {
                worst = Math.max(worst, nanos / 1_000_000);
            }
        }
        Map<String, Object> d = new LinkedHashMap<>();
        Map<String, Object> ph = new LinkedHashMap<>();
        phases.forEach((k, v) -> ph.put(k, v.asMap()));
        d.put("phases", ph);
        Map<String, Object> sd = new LinkedHashMap<>();
        sides.forEach((k, v) -> sd.put(k, v.asMap()));
        d.put("partition-sides", sd);
        d.put("failovers", failovers);
        d.put("max-failover-ms", worst < 0 ? null : worst);
        List<String> s = new ArrayList<>();
        phases.forEach((k, v) -> {
            if (v.count > 0) {
                s.add(String.format("%-8s %6d ops  %5.1f%% ok  %6.1f ok/s  p50 %s  p99 %s  response p99 %s", k, v.count,
                        v.okRate() * 100, v.okPerSecond(), ms(v.latency.getValueAtPercentile(50)),
                        ms(v.latency.getValueAtPercentile(99)), ms(v.response.getValueAtPercentile(99))));
            }
        });
        sides.forEach((k, v) -> {
            if (v.count > 0) {
                s.add(String.format("%-8s side during partitions: %d ops, %.1f%% ok", k, v.count, v.okRate() * 100));
            }
        });
        if (!faults.isEmpty()) {
            s.add("failover (fault start to first acknowledged write on the majority side): "
                    + failovers.stream().map(m -> m.get("failover-ms") == null ? "none" : m.get("failover-ms") + " ms").toList());
        }
        return new CheckResult(name(), Verdict.VALID, s, d);
    }

    private static String ms(long micros) {
        return String.format("%.1f ms", micros / 1000.0);
    }
}
