package dev.chaos.checker.stats;

import dev.chaos.checker.Latencies;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * How the clients kept to the run's rate schedule, read from the invocations' intended starts: the
 * rate asked for (the slots' spacing), the rate made, how late invocations went out, and, for the
 * late ones, which side held them back. An invocation goes out late either because every client
 * was waiting on the system (the clients are saturated: the system's latency at this concurrency
 * cannot carry the rate) or because a client was free and the harness itself did not get to it in
 * time (the harness is the limit). Histories without intended starts have no schedule.
 *
 * @param calls        client invocations with an intended start (final reads excluded)
 * @param askedPerSec  the schedule's rate: slots per second
 * @param madePerSec   invocations per second over the time the schedule covered
 * @param lag          invocation time minus intended start, in microseconds
 * @param late         invocations more than {@link #LATE_NANOS} behind their slot
 * @param lateWithClientsBusy of those, the ones whose slot came due while no client was idle (each was in a
 *                     call, connecting after a timeout, or backing off from a refused connection)
 * @param concurrency  the run's client count (from the header; else the most calls ever open at once)
 * @param machine      how busy the machine running chaos was while the clients ran, when the run recorded it
 *                     (its {@code machine-load} op); null otherwise
 */
record RateSchedule(long calls, double askedPerSec, double madePerSec, Histogram lag, long late, long lateWithClientsBusy,
                int concurrency, MachineCpu machine) {

    /** A machine this busy (mean CPU over the client phase) had nothing to spare for more clients or a faster system. */
    static final double FULL_CPU = 0.9;

    /** The run's {@code machine-load} op: mean CPU of the whole machine and of chaos' own process, as fractions. */
    record MachineCpu(double cpu, double chaosCpu, int cores) {

        static MachineCpu of(History history) {
            for (Op op : history.nemesisOps()) {
                if (op.f().equals("machine-load") && op.value() instanceof Map<?, ?> v && v.get("cpu") instanceof Number cpu
                        && v.get("chaos-cpu") instanceof Number chaos && cpu.doubleValue() >= 0 && cpu.doubleValue() <= 1) {
                    return new MachineCpu(cpu.doubleValue(), chaos.doubleValue(),
                            v.get("cores") instanceof Number n ? n.intValue() : 0);
                }
            }
            return null;
        }

        boolean full() {
            return cpu >= FULL_CPU;
        }

        @Override
        public String toString() {
            return String.format("the machine's CPU was %.0f %% busy over the run (%s, chaos itself %.0f %%)", cpu * 100,
                    cores > 0 ? cores + " cores" : "all cores", chaosCpu * 100);
        }
    }

    /** The error chaos' runner gives an op whose client could not connect: the process was connecting, not idle. */
    static final String CONNECT_FAILED = "cannot connect";

    /** An invocation this far behind its slot is late: beyond a sleep's jitter on a busy machine. */
    static final long LATE_NANOS = 5_000_000L;

    /** The schedule of a history, or null when its invocations carry no intended start. */
    static RateSchedule of(History history) {
        Histogram lag = Latencies.histogram();
        long calls = 0;
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        long firstInvoke = Long.MAX_VALUE;
        long lastInvoke = Long.MIN_VALUE;
        int open = 0;
        int most = 0;
        // a process is idle from a completion it goes on from (ok, or a fail that reached the node)
        // to its next invocation; after info it is retired, after a failed connect it is connecting
        Map<ProcessId, Long> idleSince = new HashMap<>();
        List<long[]> idle = new ArrayList<>();
        List<Long> lateSlots = new ArrayList<>();
        for (Op op : history.ops()) {
            if (!op.isClient() || op.isFinal() || op.time() < 0) {
                continue;
            }
            if (!op.isInvoke()) {
                open = Math.max(0, open - 1);
                boolean goesOn = op.isOk() || op.isFail() && (op.error() == null || !op.error().startsWith(CONNECT_FAILED));
                if (goesOn) {
                    idleSince.put(op.process(), op.time());
                } else {
                    idleSince.remove(op.process());
                }
                continue;
            }
            Long since = idleSince.remove(op.process());
            if (since != null && op.time() > since) {
                idle.add(new long[] {since, op.time()});
            }
            open++;
            most = Math.max(most, open);
            if (op.intended() >= 0) {
                calls++;
                first = Math.min(first, op.intended());
                last = Math.max(last, op.intended());
                firstInvoke = Math.min(firstInvoke, op.time());
                lastInvoke = Math.max(lastInvoke, op.time());
                long behind = Math.max(0, op.time() - op.intended());
                Latencies.record(lag, behind);
                if (behind > LATE_NANOS) {
                    lateSlots.add(op.intended());
                }
            }
        }
        if (calls < 2 || last <= first) {
            return null;
        }
        Integer declared = history.header() == null ? null : history.header().concurrency();
        int concurrency = declared != null ? declared : most;
        // a late slot found a client free when some process was idle as it came due: a free client takes the
        // next slot at once (or sleeps until it), so only a harness too slow to run it lets the slot go late
        idle.sort(Comparator.comparingLong(g -> g[0]));
        long[] starts = new long[idle.size()];
        long[] latestEnd = new long[idle.size()];
        for (int i = 0; i < idle.size(); i++) {
            starts[i] = idle.get(i)[0];
            latestEnd[i] = Math.max(idle.get(i)[1], i == 0 ? Long.MIN_VALUE : latestEnd[i - 1]);
        }
        long withFree = lateSlots.stream().filter(slot -> {
            int n = atOrBefore(starts, slot);
            return n > 0 && latestEnd[n - 1] > slot;
        }).count();
        Double declaredRate = history.header() == null ? null : history.header().rate();
        double asked = declaredRate != null ? declaredRate : (calls - 1) * 1e9 / (last - first);
        double made = lastInvoke <= firstInvoke ? 0 : (calls - 1) * 1e9 / (lastInvoke - firstInvoke);
        return new RateSchedule(calls, asked, made, lag, lateSlots.size(), lateSlots.size() - withFree, concurrency,
                MachineCpu.of(history));
    }

    /** How many of the sorted times are at or before {@code t}. */
    private static int atOrBefore(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Which side held the late invocations back, in words; null when none was late. */
    String limit() {
        if (late == 0) {
            return null;
        }
        long free = late - lateWithClientsBusy;
        if (lateWithClientsBusy >= free) {
            String head = "client slots saturated: " + lateWithClientsBusy + " of " + late + " late calls came due while all "
                    + concurrency + " clients were waiting on the system (in calls, or connecting after a timeout), so its"
                    + " latency at this concurrency could not carry the rate";
            if (machine != null && machine.full()) {
                // the system's latency was the CPU queue it shared with chaos: more clients only queue longer
                return head + "; " + machine + ", so the machine is the limit: more clients will not help, a"
                        + " machine with more cores (or the system on other machines) would";
            }
            return head + " (more clients, or a faster system, would)" + (machine == null ? "" : "; " + machine);
        }
        return "the harness: " + free + " of " + late + " late calls came due with a client idle and still went out late"
                + " (the machine running chaos is the bottleneck" + (machine == null ? "" : "; " + machine) + ")";
    }

    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", calls);
        m.put("asked-per-second", Math.round(askedPerSec * 10) / 10.0);
        m.put("made-per-second", Math.round(madePerSec * 10) / 10.0);
        m.put("lag-us", Latencies.percentiles(lag));
        m.put("late", late);
        m.put("late-with-clients-busy", lateWithClientsBusy);
        m.put("concurrency", concurrency);
        if (machine != null) {
            m.put("machine-cpu", machine.cpu());
            m.put("chaos-cpu", machine.chaosCpu());
        }
        String limit = limit();
        if (limit != null) {
            m.put("limit", limit);
        }
        return m;
    }
}
