package dev.chaos.report;

import dev.chaos.fault.Grudge;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The nemesis' work as the charts shade it: each {@code start-X} until the next {@code stop-X} (or
 * {@code heal}, or the end of the history) is a band, labelled with the nodes it touched; every
 * nemesis op is also an event marker.
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
        List<Band> bands = new ArrayList<>();
        List<Event> events = new ArrayList<>();
        Map<String, Op> open = new TreeMap<>();
        int total = 0;
        for (Op op : history.nemesisOps()) {
            total++;
            if (events.size() < MAX_EVENTS) {
                events.add(new Event(axis.x(op), op.f(), OpText.value(op.value())));
            }
            if (op.f().startsWith("start-")) {
                open.put(op.f().substring(6), op);
            } else if (op.f().startsWith("stop-") || op.f().equals("heal")) {
                List<String> kinds = op.f().equals("heal") ? new ArrayList<>(open.keySet()) : List.of(op.f().substring(5));
                for (String k : kinds) {
                    Op started = open.remove(k);
                    if (started != null) {
                        bands.add(band(k, started, axis.x(op), false, axis));
                    }
                }
            }
        }
        open.forEach((k, started) -> bands.add(band(k, started, axis.max(), true, axis)));
        bands.sort((a, b) -> Double.compare(a.start(), b.start()));
        return new Faults(bands, events, total);
    }

    private static Band band(String kind, Op started, double stop, boolean open, Axis axis) {
        return new Band(kind, axis.x(started), stop, open, nodes(started.value()), OpText.value(started.value()));
    }

    /** A grudge as its sides, a list of nodes as the list, anything else as text. */
    static String nodes(Object value) {
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
