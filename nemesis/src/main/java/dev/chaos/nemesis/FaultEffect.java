package dev.chaos.nemesis;

import dev.chaos.run.Nemesis;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.List;

/**
 * The proof that a link fault took effect, from the proxy's own counters: a baseline taken once
 * the fault has settled, and at the stop, per cut link, the bytes forwarded in the cut directions
 * (a fault that holds forwards none), the bytes dropped, the connections reset (what the system
 * tried to send across and lost) and whether the fault's toxics were all still on ({@code fault-on}).
 *
 * <p>The baseline waits {@link #SETTLE_MILLIS} after the toxics are in place: a chunk that had
 * passed the toxic lookup before the black hole was published (or sat in a latency toxic's delay)
 * is still delivered, as packets in flight are when a real link is cut, and must not be counted as
 * a leak.
 */
final class FaultEffect {

    static final long SETTLE_MILLIS = 1_000;

    private final LinkFaults links;
    private final Map<String, Set<String>> cut;
    private volatile Map<String, LinkCounters> baseline;
    private volatile long baselineNanos;

    private FaultEffect(LinkFaults links, Map<String, Set<String>> cut) {
        this.links = links;
        this.cut = cut;
    }

    /** Starts watching the links {@code changes} cut (their streams); the baseline is taken once settled. */
    static FaultEffect watch(LinkFaults links, List<LinkFaults.Change> changes) {
        Map<String, Set<String>> cut = new TreeMap<>();
        for (LinkFaults.Change c : changes) {
            Set<String> streams = cut.computeIfAbsent(c.proxy(), k -> new TreeSet<>());
            if (c.stream().equals("both")) {
                streams.add("upstream");
                streams.add("downstream");
            } else {
                streams.add(c.stream());
            }
        }
        FaultEffect e = new FaultEffect(links, cut);
        Thread.ofVirtual().name("fault-effect-baseline").start(() -> {
            try {
                Thread.sleep(SETTLE_MILLIS);
            } catch (InterruptedException ex) {
                return;
            }
            e.baselineNanos = System.nanoTime();
            e.baseline = links.counters();
        });
        return e;
    }

    /** The toxics on the proxies now, when there are cut links to check and the proxies can be read. */
    private Map<String, List<String>> cutsToxics() {
        return cut.isEmpty() ? Map.of() : links.toxicNames();
    }

    /**
     * What the cut links did since the baseline, as the value of {@code effect-<fault>}; null when
     * the proxy publishes no counters (a real Toxiproxy): nothing can be proven this way.
     */
    Nemesis.Event measure(String fault, String mode) {
        Map<String, LinkCounters> now = links.counters();
        if (now.isEmpty()) {
            return null;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("mode", mode);
        Map<String, LinkCounters> before = baseline;
        if (before == null) {
            value.put("measured", false);
            value.put("reason", "held less than the " + SETTLE_MILLIS + " ms the fault is given to settle");
            return new Nemesis.Event(fault, value);
        }
        value.put("window-ms", (System.nanoTime() - baselineNanos) / 1_000_000);
        Map<String, List<String>> toxicsOn = cutsToxics();
        Map<String, Object> perLink = new LinkedHashMap<>();
        cut.forEach((proxy, streams) -> {
            LinkCounters b = before.get(proxy);
            LinkCounters n = now.get(proxy);
            if (b == null || n == null) {
                return;
            }
            LinkCounters d = n.since(b);
            boolean up = streams.contains("upstream");
            boolean down = streams.contains("downstream");
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("cut", up && down ? "both" : up ? "upstream" : "downstream");
            l.put("forwarded", (up ? d.forwardedUp() : 0) + (down ? d.forwardedDown() : 0));
            l.put("dropped", (up ? d.droppedUp() : 0) + (down ? d.droppedDown() : 0));
            l.put("resets", d.resets());
            if (toxicsOn.containsKey(proxy)) {
                // false: the cut was lifted while held, by no stop of this run (issue 18: by an outside heal)
                l.put("fault-on", LinkFaults.cutsAll(toxicsOn.get(proxy), streams));
            }
            perLink.put(proxy, l);
        });
        value.put("links", perLink);
        return new Nemesis.Event(fault, value);
    }
}
