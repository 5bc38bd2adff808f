package dev.chaos.checker.availability;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Checker;
import dev.chaos.checker.Latencies;
import dev.chaos.checker.Verdict;
import dev.chaos.fault.Grudge;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * How available the system stayed: per phase (before the first fault, during faults, between
 * faults, after the final heal) the ok / fail / info counts, the ok rate, throughput and latency
 * percentiles; per side of each partition (the majority component of the grudge against the rest)
 * the ok rate; and the failover time of each fault: from its start to the first acknowledged write
 * invoked after it on a majority-side node. Informational: always valid until a scenario sets SLO
 * thresholds. The convergence probe's final reads are left out.
 */
public final class AvailabilityChecker implements Checker {

    private static final Set<String> WRITES = Set.of("add", "write", "cas", "put", "append", "txn");

    @Override
    public String name() {
        return "availability";
    }

    @Override
    public boolean appliesTo(History history) {
        return history.ops().stream().anyMatch(op -> op.isClient() && op.time() >= 0);
    }

    /** A fault's interval, and for partitions the nodes of the majority component. */
    record Fault(String kind, long start, long stop, Set<String> majority, Object value) {
    }

    @Override
    public CheckResult check(History history) {
        List<Fault> faults = faults(history);
        long heal = -1;
        for (Op op : history.nemesisOps()) {
            if (op.f().equals("heal")) {
                heal = op.time();
            }
        }
        Map<String, Phase> phases = new LinkedHashMap<>();
        for (String p : List.of("before", "during", "between", "after")) {
            phases.put(p, new Phase());
        }
        Map<String, Phase> sides = new LinkedHashMap<>();
        sides.put("majority", new Phase());
        sides.put("minority", new Phase());
        long firstFault = faults.isEmpty() ? Long.MAX_VALUE : faults.get(0).start;
        long lastStop = faults.isEmpty() ? -1 : faults.get(faults.size() - 1).stop;
        long afterFrom = heal >= 0 ? heal : lastStop;
        List<Call> calls = new ArrayList<>();
        for (Call c : history.calls()) {
            if (!c.invoke().isFinal() && c.invoke().time() >= 0) {
                calls.add(c);
            }
        }
        for (Call c : calls) {
            long t = c.invoke().time();
            Fault active = null;
            for (Fault f : faults) {
                if (t >= f.start && t < f.stop) {
                    active = f;
                    break;
                }
            }
            String phase = t < firstFault ? "before" : active != null ? "during" : (afterFrom >= 0 && t >= afterFrom) ? "after" : "between";
            phases.get(phase).add(c);
            if (active != null && active.majority != null && c.invoke().node() != null) {
                sides.get(active.majority.contains(c.invoke().node()) ? "majority" : "minority").add(c);
            }
        }
        List<Map<String, Object>> failovers = new ArrayList<>();
        long worst = -1;
        for (Fault f : faults) {
            Long first = null;
            for (Call c : calls) {
                if (c.isOk() && WRITES.contains(c.f()) && c.invoke().time() >= f.start
                        && (f.majority == null || f.majority.contains(c.invoke().node()))) {
                    long done = c.completion().time();
                    if (first == null || done < first) {
                        first = done;
                    }
                }
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("fault", f.kind);
            m.put("value", f.value);
            m.put("start-ms", f.start / 1_000_000);
            m.put("failover-ms", first == null ? null : (first - f.start) / 1_000_000);
            failovers.add(m);
            if (first != null) {
                worst = Math.max(worst, (first - f.start) / 1_000_000);
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
                s.add(String.format("%-8s %6d ops  %5.1f%% ok  %6.1f ok/s  p50 %s  p99 %s", k, v.count, v.okRate() * 100,
                        v.okPerSecond(), ms(v.latency.getValueAtPercentile(50)), ms(v.latency.getValueAtPercentile(99))));
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

    /** Faults from the nemesis ops: each start-X until the next stop-X (or heal, or the end). */
    static List<Fault> faults(History history) {
        List<Fault> out = new ArrayList<>();
        Map<String, Op> open = new TreeMap<>();
        long end = history.ops().isEmpty() ? 0 : history.ops().get(history.size() - 1).time();
        for (Op op : history.nemesisOps()) {
            if (op.f().startsWith("start-")) {
                open.put(op.f().substring(6), op);
            } else if (op.f().startsWith("stop-") || op.f().equals("heal")) {
                List<String> kinds = op.f().equals("heal") ? new ArrayList<>(open.keySet()) : List.of(op.f().substring(5));
                for (String k : kinds) {
                    Op started = open.remove(k);
                    if (started != null) {
                        out.add(new Fault(k, started.time(), op.time(), majority(started.value()), started.value()));
                    }
                }
            }
        }
        open.forEach((k, started) -> out.add(new Fault(k, started.time(), end, majority(started.value()), started.value())));
        out.sort((a, b) -> Long.compare(a.start, b.start));
        return out;
    }

    /** The majority component of a partition's grudge, or null when the fault is not a partition. */
    static Set<String> majority(Object grudge) {
        Grudge g = Grudge.fromValue(grudge);
        return g == null ? null : g.majority();
    }

    /** Counts and latencies of one phase or side. */
    static final class Phase {
        long count;
        long ok;
        long fail;
        long info;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        final Histogram latency = Latencies.histogram();

        void add(Call c) {
            count++;
            first = Math.min(first, c.invoke().time());
            last = Math.max(last, c.completion() != null && c.completion().time() >= 0 ? c.completion().time() : c.invoke().time());
            if (c.isOk()) {
                ok++;
                Latencies.record(latency, c.latencyNanos());
            } else if (c.isFail()) {
                fail++;
            } else {
                info++;
            }
        }

        double okRate() {
            return count == 0 ? 0 : ok / (double) count;
        }

        double okPerSecond() {
            return last <= first ? 0 : ok * 1e9 / (last - first);
        }

        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ops", count);
            m.put("ok", ok);
            m.put("fail", fail);
            m.put("info", info);
            m.put("ok-rate", Math.round(okRate() * 10000) / 10000.0);
            m.put("ok-per-second", Math.round(okPerSecond() * 10) / 10.0);
            if (latency.getTotalCount() > 0) {
                m.put("latency-us", Latencies.percentiles(latency));
            }
            return m;
        }
    }
}
