package dev.chaos.fault;

import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Faults as time windows read back from the nemesis ops, with the side of each client call and the
 * failover time: what the availability and SLO checkers both measure from, and what the report
 * shades. Windows of different kinds may overlap (a partition with a kill in it); a call is on the
 * majority side only when it is on the majority side of every fault open at its invocation.
 */
public final class FaultWindows {

    private static final Set<String> WRITES = Set.of("add", "write", "cas", "put", "append", "txn");

    /**
     * A fault's interval, and the nodes of its majority side: for a partition the majority component
     * of the grudge; for a node fault (kill, pause, cascading; member-churn, whose value is a map
     * with its {@code nodes}) the nodes it did not touch, when they
     * are a majority of the history's nodes (an empty set when they are not: no majority side);
     * else null (every node counts).
     *
     * @param from the nemesis op that opened the window: a {@code start-X}, or the {@code step-X}
     *             that continues the window before it
     * @param to   the nemesis op that closed it ({@code stop-X}, {@code heal}, or the {@code step-X}
     *             that the next window of the fault starts at), or null when nothing did: the window
     *             runs to the history's end
     */
    public record Fault(String kind, long start, long stop, Set<String> majority, Object value, Op from, Op to) {

        /** True when nothing closed the window: the fault was still active at the history's end. */
        public boolean open() {
            return to == null;
        }

        /** True when the window ends at a {@code step-X}: the fault goes on, grown, in the next window of its kind. */
        public boolean stepped() {
            return to != null && to.f().startsWith("step-");
        }

        public boolean contains(long time) {
            return time >= start && time < stop;
        }

        /** False when the fault left no majority at all (more than half the nodes down): nothing can fail over. */
        public boolean hasMajority() {
            return majority == null || !majority.isEmpty();
        }

        /** Whether the call went to a node on this fault's majority side (every node when there are no sides). */
        public boolean onMajoritySide(Call c) {
            return majority == null || majority.contains(c.invoke().node());
        }
    }

    private FaultWindows() {
    }

    /**
     * Faults from the nemesis ops: each start-X until the next stop-X (or heal, or the history's
     * end), one window per kind X, so a start-partition and a start-kill are open side by side. A
     * step-X (a growing fault's next node lost) ends the window and opens the next one with the new
     * node set, so sides and failover follow the fault as it grows.
     */
    public static List<Fault> of(History history) {
        List<Fault> out = new ArrayList<>();
        Map<String, Op> open = new TreeMap<>();
        long end = history.ops().isEmpty() ? 0 : history.ops().get(history.size() - 1).time();
        List<String> nodes = history.header() == null ? List.of() : history.header().nodes();
        for (Op op : history.nemesisOps()) {
            if (op.f().startsWith("start-")) {
                open.put(op.f().substring(6), op);
            } else if (op.f().startsWith("step-") && open.containsKey(op.f().substring(5))) {
                // a growing fault (cascading) changes its node set: a new window from here on
                Op started = open.put(op.f().substring(5), op);
                out.add(fault(op.f().substring(5), started, op, op.time(), nodes));
            } else if (op.f().startsWith("stop-") || op.f().equals("heal")) {
                List<String> kinds = op.f().equals("heal") ? new ArrayList<>(open.keySet()) : List.of(op.f().substring(5));
                for (String k : kinds) {
                    Op started = open.remove(k);
                    if (started != null) {
                        out.add(fault(k, started, op, op.time(), nodes));
                    }
                }
            }
        }
        open.forEach((k, started) -> out.add(fault(k, started, null, end, nodes)));
        out.sort((a, b) -> Long.compare(a.start, b.start));
        return out;
    }

    private static Fault fault(String kind, Op started, Op ended, long stop, List<String> nodes) {
        return new Fault(kind, started.time(), stop, majority(touched(kind, started.value()), nodes), started.value(), started, ended);
    }

    /**
     * What a fault's value says it acted on: a node fault that records more than its nodes
     * (member-churn: {@code {"nodes": [...], "old-ids": {...}}}) by its {@code nodes}. A procedure's
     * {@code nodes} are visited one at a time, never down together, so they make no sides.
     */
    private static Object touched(String kind, Object value) {
        if (!kind.equals("procedure") && value instanceof Map<?, ?> m && m.get("nodes") instanceof Collection<?> c) {
            return c;
        }
        return value;
    }

    /** See {@link Fault}: the majority side of a fault's value, or null when it has no sides. */
    public static Set<String> majority(Object value, List<String> nodes) {
        if (value instanceof Collection<?> touched && !nodes.isEmpty()) {
            Set<String> rest = new TreeSet<>(nodes);
            touched.forEach(n -> rest.remove(String.valueOf(n)));
            return rest.size() * 2 > nodes.size() ? rest : Set.of();
        }
        Grudge g = Grudge.fromValue(value);
        return g == null ? null : g.majority();
    }

    /** Client calls with times, without the convergence probe's final reads. */
    public static List<Call> clientCalls(History history) {
        List<Call> calls = new ArrayList<>();
        for (Call c : history.calls()) {
            if (!c.invoke().isFinal() && c.invoke().time() >= 0) {
                calls.add(c);
            }
        }
        return calls;
    }

    /**
     * The faults whose windows hold {@code time}, in start order: none, one, or (faults of different
     * families held at once: a partition, a slowdown, a node fault) several.
     */
    public static List<Fault> openAt(List<Fault> faults, long time) {
        List<Fault> out = new ArrayList<>();
        for (Fault f : faults) {
            if (f.contains(time)) {
                out.add(f);
            }
        }
        return out;
    }

    /** Whether any of {@code open} has sides (a majority side and the rest), so a call has a side at all. */
    public static boolean hasSides(List<Fault> open) {
        return open.stream().anyMatch(f -> f.majority() != null);
    }

    /**
     * Whether the call went to a node on the majority side of every fault in {@code open}: during a
     * partition with a kill in it, a node on the partition's majority side that was killed is not.
     */
    public static boolean onMajoritySide(List<Fault> open, Call c) {
        return open.stream().allMatch(f -> f.onMajoritySide(c));
    }

    /**
     * Failover time of a fault in nanoseconds: from its start to the completion of the first
     * acknowledged write invoked after it on a node on its majority side and on the majority side of
     * every other fault open when the write was invoked; null when there was none.
     */
    public static Long failoverNanos(Fault f, List<Fault> faults, List<Call> calls) {
        Long first = null;
        for (Call c : calls) {
            if (c.isOk() && WRITES.contains(c.f()) && c.invoke().time() >= f.start && f.onMajoritySide(c)
                    && onMajoritySide(openAt(faults, c.invoke().time()), c)) {
                long done = c.completion().time();
                if (first == null || done < first) {
                    first = done;
                }
            }
        }
        return first == null ? null : first - f.start;
    }
}
