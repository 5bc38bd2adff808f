package dev.chaos.nemesis;

import dev.chaos.cluster.ClockControl;
import dev.chaos.cluster.FakeClock;
import dev.chaos.run.Nemesis;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Node wall clocks set off from real time through the cluster's {@link ClockControl}, and set back
 * to real time at the stop: {@code clock-skew} (every node its own random offset within
 * ±max-offset), {@code clock-bump} (one random node jumps by the offset), {@code clock-strobe} (one
 * random node flips between the offset and real time at each {@link #advance}). Every start, step
 * and stop records the offset it set per node, in ms: {@code {"offsets":{"n1":-42000,"n2":23000}}}.
 *
 * <p>A node sees a new offset within {@link FakeClock#TAKES_EFFECT_WITHIN}, so the stop returns
 * only after that much more: the window from the start op to the stop op holds every moment a
 * node's clock was off.
 */
public final class ClockFault implements Nemesis {

    private final String fault;
    private final ClockControl clocks;
    private final Function<Random, Map<String, Duration>> choose;
    private final boolean strobe;
    private final Duration settle;
    private Map<String, Duration> chosen = Map.of();
    private boolean off;

    ClockFault(String fault, ClockControl clocks, Function<Random, Map<String, Duration>> choose, boolean strobe, Duration settle) {
        this.fault = fault;
        this.clocks = clocks;
        this.choose = choose;
        this.strobe = strobe;
        this.settle = settle;
    }

    /** Every node off by its own random whole seconds, 1 s to {@code maxOffset} either way. */
    public static ClockFault skew(List<String> nodes, ClockControl clocks, Duration maxOffset) {
        long max = Math.max(1, maxOffset.toSeconds());
        return new ClockFault("clock-skew", clocks, random -> {
            Map<String, Duration> m = new TreeMap<>();
            for (String n : nodes) {
                long s = 1 + random.nextLong(max);
                m.put(n, Duration.ofSeconds(random.nextBoolean() ? s : -s));
            }
            return m;
        }, false, FakeClock.TAKES_EFFECT_WITHIN);
    }

    /** One random node off by {@code offset} until the stop. */
    public static ClockFault bump(List<String> nodes, ClockControl clocks, Duration offset) {
        return new ClockFault("clock-bump", clocks, oneNode(nodes, offset), false, FakeClock.TAKES_EFFECT_WITHIN);
    }

    /** One random node off by {@code offset}, back to real time at the next advance, off again at the one after, ... */
    public static ClockFault strobe(List<String> nodes, ClockControl clocks, Duration offset) {
        return new ClockFault("clock-strobe", clocks, oneNode(nodes, offset), true, FakeClock.TAKES_EFFECT_WITHIN);
    }

    private static Function<Random, Map<String, Duration>> oneNode(List<String> nodes, Duration offset) {
        List<String> all = List.copyOf(nodes);
        return random -> Map.of(all.get(random.nextInt(all.size())), offset);
    }

    /** This fault, its stop waiting {@code time} for the reset to reach the nodes (tests: zero, nothing to wait for). */
    ClockFault withSettle(Duration time) {
        return new ClockFault(fault, clocks, choose, strobe, time);
    }

    @Override
    public String name() {
        return fault;
    }

    @Override
    public synchronized Event start(Random random) throws Exception {
        chosen = new TreeMap<>(choose.apply(random));
        return set(chosen);
    }

    /** A strobe's next flip; nothing for the others. */
    @Override
    public synchronized Event advance(Random random) throws Exception {
        if (!strobe || chosen.isEmpty()) {
            return null;
        }
        return off ? set(zero()) : set(chosen);
    }

    /**
     * Just before the stop: each moved node's offset as set now and as seen where the node runs, in
     * ms ({@code {"set":{"n1":-42000},"seen":{"n1":-42003}}}); a node the lab could not look at is
     * left out of {@code seen}.
     */
    @Override
    public synchronized Event effect() {
        if (chosen.isEmpty()) {
            return null;
        }
        Map<String, Object> set = new TreeMap<>();
        Map<String, Object> seen = new TreeMap<>();
        for (String n : chosen.keySet()) {
            set.put(n, (off ? chosen.get(n) : Duration.ZERO).toMillis());
            try {
                Long s = clocks.clockOffsetSeen(n);
                if (s != null) {
                    seen.put(n, s);
                }
            } catch (Exception e) {
                // not seen: the checker says so
            }
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("set", set);
        v.put("seen", seen);
        return new Event(fault, v);
    }

    @Override
    public synchronized Event stop() throws Exception {
        if (chosen.isEmpty()) {
            return new Event(fault, Map.of("offsets", Map.of())); // stopped already, or never started
        }
        Event e = set(zero());
        chosen = Map.of();
        if (!settle.isZero()) {
            Thread.sleep(settle.toMillis()); // until no node can still see the old offset
        }
        return e;
    }

    private Map<String, Duration> zero() {
        Map<String, Duration> m = new TreeMap<>();
        chosen.keySet().forEach(n -> m.put(n, Duration.ZERO));
        return m;
    }

    private Event set(Map<String, Duration> offsets) throws Exception {
        Map<String, Object> ms = new LinkedHashMap<>();
        for (Map.Entry<String, Duration> e : offsets.entrySet()) {
            clocks.setClockOffset(e.getKey(), e.getValue());
            ms.put(e.getKey(), e.getValue().toMillis());
        }
        off = offsets.values().stream().anyMatch(d -> !d.isZero());
        return new Event(fault, Map.of("offsets", ms));
    }

    @Override
    public void healAll() {
        try {
            stop();
        } catch (Exception ignored) {
            // the cluster is being torn down anyway
        }
    }
}
