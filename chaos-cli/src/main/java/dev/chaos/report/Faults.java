package dev.chaos.report;

import dev.chaos.fault.FaultWindows;
import dev.chaos.fault.FaultWindows.Fault;
import dev.chaos.fault.Grudge;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nemesis' work as the charts shade it: each {@code start-X} until the next {@code stop-X} (or
 * {@code heal}, or the end of the history) is a band, labelled with the nodes it touched (the
 * windows of {@link FaultWindows}, which the checkers measure); every nemesis op is also an event
 * marker.
 *
 * @param bands  fault intervals, by start
 * @param events every nemesis op, in order (at most {@value #MAX_EVENTS})
 * @param eventsTotal how many nemesis ops there were
 */
record Faults(List<Band> bands, List<Event> events, int eventsTotal) {

    static final int MAX_EVENTS = 5000;

    /**
     * @param kind  the fault, e.g. {@code partition}
     * @param start x of its start op
     * @param stop  x of its stop or heal op, or the end of the history
     * @param open  true when nothing stopped it
     * @param nodes the nodes, as text: a partition's sides ({@code n1 n2 n3 | n4 n5}), else the nodes listed
     * @param value its start op's value, as text
     */
    record Band(String kind, double start, double stop, boolean open, String nodes, String value) {
    }

    record Event(double at, String f, String value) {
    }

    static Faults of(History history, Axis axis) {
        List<Event> events = new ArrayList<>();
        int total = 0;
        for (Op op : history.nemesisOps()) {
            total++;
            if (events.size() < MAX_EVENTS) {
                events.add(new Event(axis.x(op), op.f(), OpText.value(op.value())));
            }
        }
        return new Faults(bands(history, axis), events, total);
    }

    /**
     * The faults of {@link FaultWindows#of}, one band each: the windows a {@code step-X} splits a
     * growing fault into are joined again, labelled with the start op's nodes. Ordered by start, then
     * by the op that stopped them (a heal's in kind order), the open ones last.
     */
    private static List<Band> bands(History history, Axis axis) {
        List<Fault> windows = FaultWindows.of(history);
        Map<Op, Fault> byFrom = new IdentityHashMap<>();
        windows.forEach(w -> byFrom.put(w.from(), w));
        record Span(Fault first, Fault last) {
        }
        List<Span> faults = new ArrayList<>();
        for (Fault first : windows) {
            if (first.from().f().startsWith("step-")) {
                continue; // the rest of a fault that started earlier
            }
            Fault last = first;
            while (last != null && last.stepped()) {
                last = byFrom.get(last.to());
            }
            if (last != null) { // null: a later start-X replaced the grown fault, as it replaces one not grown
                faults.add(new Span(first, last));
            }
        }
        faults.sort(Comparator.comparingDouble((Span f) -> axis.x(f.first().from()))
                .thenComparingLong(f -> f.last().open() ? Long.MAX_VALUE : f.last().to().index())
                .thenComparing(f -> f.last().kind()));
        List<Band> bands = new ArrayList<>();
        for (Span f : faults) {
            Fault first = f.first();
            double stop = f.last().open() ? axis.max() : axis.x(f.last().to());
            bands.add(new Band(first.kind(), axis.x(first.from()), stop, f.last().open(), nodes(first.value()),
                    OpText.value(first.value())));
        }
        return bands;
    }

    /** A grudge as its sides, a list of nodes (or a map's {@code nodes}) as the list, anything else as text. */
    static String nodes(Object value) {
        if (value instanceof java.util.Map<?, ?> m && m.get("nodes") instanceof Collection<?> touched) {
            value = touched; // a node fault that records more than its nodes (member-churn: their member ids)
        }
        Grudge g = Grudge.fromValue(value);
        if (g != null && !g.drops().isEmpty()) {
            List<Set<String>> sides = g.components(new ArrayList<>(g.nodes()));
            List<String> parts = new ArrayList<>();
            if (sides.size() > 1) {
                sides.forEach(s -> parts.add(String.join(" ", s)));
                return OpText.cut(String.join(" | ", parts));
            }
            // one-way links leave every node connected: name who drops whom
            g.drops().forEach((node, from) -> parts.add(node + " drops " + String.join(" ", from)));
            return OpText.cut(String.join("; ", parts));
        }
        if (value instanceof Collection<?> c) {
            List<String> parts = new ArrayList<>();
            c.forEach(x -> parts.add(String.valueOf(x)));
            return OpText.cut(String.join(" ", parts));
        }
        return value == null ? "" : OpText.value(value);
    }
}
