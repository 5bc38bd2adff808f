package dev.chaos.report;

import dev.chaos.history.Call;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Client calls as horizontal marks, one row (lane) per client thread. A process retired after an
 * indeterminate result is replaced by a fresh one on the same thread, so a lane holds one process
 * after another: the lowest lane whose last process has retired and finished. Past {@value #MAX_LANES}
 * lanes, the rest share one overflow lane.
 *
 * <p>The convergence probe's final reads ({@link dev.chaos.history.Op#isFinal()}) are not client
 * threads: they share one row of their own, after the last lane, and are all drawn.
 *
 * <p>To stay drawable at a million ops, {@code ok} calls are sampled evenly (every n-th, at most
 * {@value #MAX_OK} of them); anomalies are never dropped: every {@code fail}, {@code info} and
 * unfinished call is drawn, and so is every flagged call (an acknowledged add that was lost, an
 * operation of the linearizability counterexample). Anomalies and flagged calls carry a note for the
 * tooltip (the first {@value #MAX_NOTES} of them; flagged ones always).
 *
 * <p>Marks are columns (one array per field), which keeps the embedded JSON small.
 *
 * @param lanes    each lane's label: the processes it held (client threads only)
 * @param finalReads the convergence probe's final reads, drawn in row {@code lanes.size()}; 0 when there are none
 * @param fs       the functions; {@code f} indexes into this
 * @param okTotal  ok calls in the history, final reads left out
 * @param okDrawn  ok calls drawn, final reads left out
 * @param anomalies fail, info and unfinished calls (all drawn), final reads left out
 * @param lane     per mark: its lane; {@code lanes.size()} for a final read
 * @param start    per mark: x of the invocation
 * @param end      per mark: x of the completion (for unfinished calls, the end of the history)
 * @param type     per mark: 0 ok, 1 fail, 2 info, 3 unfinished
 * @param f        per mark: index into {@code fs}
 * @param note     per mark: index into {@code notes}, or -1
 * @param notes    what a tooltip tells
 */
record Timeline(List<String> lanes, long finalReads, List<String> fs, long okTotal, long okDrawn, long anomalies,
                int[] lane, double[] start, double[] end, int[] type, int[] f, int[] note, List<Note> notes) {

    static final int MAX_LANES = 64;
    static final int MAX_OK = 20_000;
    static final int MAX_NOTES = 5_000;

    /** The final reads' row while the client lanes are still being counted. */
    private static final int FINAL_ROW = -1;

    /**
     * @param flag why the call is flagged ({@code lost}, {@code counterexample}, {@code anomaly}), or null
     */
    record Note(long index, String process, String f, String key, String value, String result, String node,
                String error, String outcome, String flag) {
    }

    static Timeline of(List<Call> calls, Axis axis, Map<Long, String> flagged) {
        long okTotal = calls.stream().filter(c -> c.isOk() && !c.invoke().isFinal()).count();
        long stride = Math.max(1, (okTotal + MAX_OK - 1) / MAX_OK);
        Lanes lanes = new Lanes();
        Map<String, Integer> fIds = new LinkedHashMap<>();
        Columns cols = new Columns();
        List<Note> notes = new ArrayList<>();
        long okSeen = 0;
        long okDrawn = 0;
        long anomalies = 0;
        long finalReads = 0;
        for (Call c : calls) {
            double start = axis.x(c.invoke());
            double end = c.completion() == null ? axis.max() : axis.x(c.completion());
            String flag = flagged.get(c.invoke().index());
            int lane;
            boolean draw;
            if (c.invoke().isFinal()) {
                lane = FINAL_ROW;
                finalReads++;
                draw = true;
            } else {
                lane = lanes.assign(c.process(), start);
                if (c.isIndeterminate() && c.completion() != null) {
                    lanes.retire(c.process(), end);
                }
                if (c.isOk()) {
                    draw = flag != null || okSeen++ % stride == 0;
                    if (draw) {
                        okDrawn++;
                    }
                } else {
                    anomalies++;
                    draw = true;
                }
            }
            if (!draw) {
                continue;
            }
            int type = c.isOk() ? 0 : c.isFail() ? 1 : c.completion() != null ? 2 : 3;
            int note = -1;
            if (flag != null || ((type != 0 || lane == FINAL_ROW) && notes.size() < MAX_NOTES)) {
                note = notes.size();
                notes.add(note(c, flag));
            }
            cols.add(lane, start, Math.max(start, end), type, fIds.computeIfAbsent(c.f(), k -> fIds.size()), note);
        }
        List<String> labels = lanes.labels();
        int[] lane = cols.lane();
        for (int i = 0; i < lane.length; i++) {
            if (lane[i] == FINAL_ROW) {
                lane[i] = labels.size(); // the row after the last client lane, known only now
            }
        }
        return new Timeline(labels, finalReads, new ArrayList<>(fIds.keySet()), okTotal, okDrawn, anomalies,
                lane, cols.start(), cols.end(), cols.type(), cols.f(), cols.note(), notes);
    }

    private static Note note(Call c, String flag) {
        String outcome = c.completion() == null ? "unfinished" : c.completion().type().wire();
        Object result = c.completion() == null ? null : c.completion().value();
        String error = c.completion() == null ? null : c.completion().error();
        return new Note(c.invoke().index(), c.process().toString(), c.f(), OpText.cut(c.key()),
                OpText.value(c.invoke().value()), c.isOk() ? OpText.value(result) : null, OpText.cut(c.invoke().node()),
                OpText.cut(error), outcome, flag);
    }

    /** Threads as rows: a retired process' lane goes to the next new process once its last call ended. */
    private static final class Lanes {
        private final Map<ProcessId, Integer> laneOf = new HashMap<>();
        private final List<Double> freeAt = new ArrayList<>(); // per lane: NaN while its process lives
        private final List<List<String>> held = new ArrayList<>();
        private final List<Integer> heldCount = new ArrayList<>();

        int assign(ProcessId p, double at) {
            Integer lane = laneOf.get(p);
            if (lane == null) {
                lane = -1;
                for (int i = 0; i < freeAt.size(); i++) {
                    Double f = freeAt.get(i);
                    if (!f.isNaN() && f <= at) {
                        lane = i;
                        break;
                    }
                }
                if (lane < 0) {
                    lane = Math.min(freeAt.size(), MAX_LANES);
                    if (lane == freeAt.size()) {
                        freeAt.add(Double.NaN);
                        held.add(new ArrayList<>());
                        heldCount.add(0);
                    }
                }
                if (lane < MAX_LANES) {
                    freeAt.set(lane, Double.NaN);
                }
                laneOf.put(p, lane);
                heldCount.set(lane, heldCount.get(lane) + 1);
                if (held.get(lane).size() < 3) {
                    held.get(lane).add(p.toString());
                }
            }
            return lane;
        }

        void retire(ProcessId p, double at) {
            Integer lane = laneOf.get(p);
            if (lane != null && lane < MAX_LANES) {
                freeAt.set(lane, at);
            }
        }

        List<String> labels() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < held.size(); i++) {
                String names = String.join(", ", held.get(i));
                int more = heldCount.get(i) - held.get(i).size();
                String label = (i == MAX_LANES ? "others: " : "") + names + (more > 0 ? " +" + more : "");
                out.add(OpText.cut(label));
            }
            return out;
        }
    }

    /** Growable columns of marks. */
    private static final class Columns {
        private int n;
        private int[] lane = new int[1024];
        private double[] start = new double[1024];
        private double[] end = new double[1024];
        private int[] type = new int[1024];
        private int[] f = new int[1024];
        private int[] note = new int[1024];

        void add(int l, double s, double e, int t, int fn, int nt) {
            if (n == lane.length) {
                int cap = n * 2;
                lane = java.util.Arrays.copyOf(lane, cap);
                start = java.util.Arrays.copyOf(start, cap);
                end = java.util.Arrays.copyOf(end, cap);
                type = java.util.Arrays.copyOf(type, cap);
                f = java.util.Arrays.copyOf(f, cap);
                note = java.util.Arrays.copyOf(note, cap);
            }
            lane[n] = l;
            start[n] = s;
            end[n] = e;
            type[n] = t;
            f[n] = fn;
            note[n] = nt;
            n++;
        }

        int[] lane() {
            return java.util.Arrays.copyOf(lane, n);
        }

        double[] start() {
            return java.util.Arrays.copyOf(start, n);
        }

        double[] end() {
            return java.util.Arrays.copyOf(end, n);
        }

        int[] type() {
            return java.util.Arrays.copyOf(type, n);
        }

        int[] f() {
            return java.util.Arrays.copyOf(f, n);
        }

        int[] note() {
            return java.util.Arrays.copyOf(note, n);
        }
    }
}
