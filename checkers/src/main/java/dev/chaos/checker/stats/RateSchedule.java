package dev.chaos.checker.stats;

import dev.chaos.checker.Latencies;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
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
 * @param lateWithClientsBusy of those, the ones whose slot came due while every client was in a call
 * @param concurrency  the run's client count (from the header; else the most calls ever open at once)
 */
record RateSchedule(long calls, double askedPerSec, double madePerSec, Histogram lag, long late, long lateWithClientsBusy,
                int concurrency) {

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
        List<Long> invokes = new ArrayList<>();
        List<Long> completions = new ArrayList<>();
        List<Long> lateSlots = new ArrayList<>();
        for (Op op : history.ops()) {
            if (!op.isClient() || op.isFinal() || op.time() < 0) {
                continue;
            }
            if (!op.isInvoke()) {
                open = Math.max(0, open - 1);
                completions.add(op.time());
                continue;
            }
            invokes.add(op.time());
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
        long[] in = invokes.stream().mapToLong(Long::longValue).sorted().toArray();
        long[] out = completions.stream().mapToLong(Long::longValue).sorted().toArray();
        // a late invocation waited on the system when, as its slot came due, every client was in a call
        long busy = lateSlots.stream().filter(slot -> atOrBefore(in, slot) - atOrBefore(out, slot) >= concurrency).count();
        Double declaredRate = history.header() == null ? null : history.header().rate();
        double asked = declaredRate != null ? declaredRate : (calls - 1) * 1e9 / (last - first);
        double made = lastInvoke <= firstInvoke ? 0 : (calls - 1) * 1e9 / (lastInvoke - firstInvoke);
        return new RateSchedule(calls, asked, made, lag, lateSlots.size(), busy, concurrency);
    }

    /** How many of the sorted times are at or before {@code t}. */
    private static int atOrBefore(long[] sorted, long t) {
        int i = java.util.Arrays.binarySearch(sorted, t);
        if (i < 0) {
            return -i - 1;
        }
        while (i + 1 < sorted.length && sorted[i + 1] == t) {
            i++;
        }
        return i + 1;
    }

    /** Which side held the late invocations back, in words; null when none was late. */
    String limit() {
        if (late == 0) {
            return null;
        }
        long free = late - lateWithClientsBusy;
        if (lateWithClientsBusy >= free) {
            return "client slots saturated: " + lateWithClientsBusy + " of " + late + " late calls came due while all "
                    + concurrency + " clients were waiting on calls, so the system's latency at this concurrency could not"
                    + " carry the rate (more clients, or a faster system, would)";
        }
        return "the harness: " + free + " of " + late + " late calls came due with a client free and still went out late"
                + " (the machine running chaos is the bottleneck)";
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
        String limit = limit();
        if (limit != null) {
            m.put("limit", limit);
        }
        return m;
    }
}
