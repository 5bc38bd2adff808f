package dev.chaos.fault;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A partition as data (Jepsen's grudge): for each node, the nodes whose traffic it drops. A clean
 * split is symmetric; a one-way link is not.
 *
 * @param drops node → the nodes whose bytes never reach it
 */
public record Grudge(Map<String, Set<String>> drops) {

    public Grudge {
        Map<String, Set<String>> copy = new TreeMap<>();
        drops.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(k, Collections.unmodifiableSet(new TreeSet<>(v)));
            }
        });
        drops = Collections.unmodifiableMap(copy);
    }

    /** Every node on one side drops the other side, both ways. */
    public static Grudge split(Set<String> sideA, Set<String> sideB) {
        Map<String, Set<String>> d = new TreeMap<>();
        sideA.forEach(a -> d.put(a, sideB));
        sideB.forEach(b -> d.put(b, sideA));
        return new Grudge(d);
    }

    /** Only {@code to} stops hearing {@code from}: {@code from} can no longer send to {@code to}. */
    public static Grudge oneWay(String from, String to) {
        return new Grudge(Map.of(to, Set.of(from)));
    }

    /** Every node of {@code to} stops hearing every node of {@code from}; the other direction still works. */
    public static Grudge oneWay(Set<String> from, Set<String> to) {
        Map<String, Set<String>> d = new TreeMap<>();
        to.forEach(t -> d.put(t, from));
        return new Grudge(d);
    }

    /** The grudge as the history records it: {@code {"n1": ["n4","n5"], ...}}. */
    public Map<String, Object> asValue() {
        Map<String, Object> v = new TreeMap<>();
        drops.forEach((k, s) -> v.put(k, List.copyOf(s)));
        return v;
    }

    /**
     * Reads a grudge back from a history value ({@code {"n1": ["n4","n5"], ...}}); null when the
     * value is not one.
     */
    public static Grudge fromValue(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            return null;
        }
        if (m.get("mode") instanceof String && m.containsKey("grudge")) {
            return fromValue(m.get("grudge")); // a partition in a mode other than drop: {"mode":"reject","grudge":{...}}
        }
        Map<String, Set<String>> d = new TreeMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getValue() instanceof java.util.Collection<?> c)) {
                return null;
            }
            Set<String> s = new TreeSet<>();
            c.forEach(x -> s.add(String.valueOf(x)));
            d.put(String.valueOf(e.getKey()), s);
        }
        return new Grudge(d);
    }

    /** Every node the grudge names. */
    public Set<String> nodes() {
        Set<String> all = new TreeSet<>(drops.keySet());
        drops.values().forEach(all::addAll);
        return all;
    }

    /** The largest group of nodes that all reach each other (of the nodes the grudge names). */
    public Set<String> majority() {
        List<Set<String>> c = components(new ArrayList<>(nodes()));
        return c.isEmpty() ? Set.of() : c.get(0);
    }

    /** The components of nodes that all still reach each other both ways, largest first. */
    public List<Set<String>> components(List<String> nodes) {
        List<Set<String>> out = new ArrayList<>();
        Set<String> placed = new TreeSet<>();
        for (String n : nodes) {
            if (placed.contains(n)) {
                continue;
            }
            Set<String> c = new TreeSet<>();
            for (String m : nodes) {
                if (!placed.contains(m) && reach(n, m)) {
                    c.add(m);
                }
            }
            placed.addAll(c);
            out.add(c);
        }
        out.sort((a, b) -> b.size() - a.size());
        return out;
    }

    private boolean reach(String a, String b) {
        return a.equals(b) || (!drops.getOrDefault(a, Set.of()).contains(b) && !drops.getOrDefault(b, Set.of()).contains(a));
    }
}
