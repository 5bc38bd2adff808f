package dev.chaos.nemesis;

import dev.chaos.cluster.Leader;
import dev.chaos.fault.Grudge;
import dev.chaos.run.Nemesis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A network partition: at each start a grudge is chosen and applied, as black holes (mode
 * {@code drop}) or as resets (mode {@code reject}); at each stop the partition is healed. Recorded
 * as {@code start-partition} with the grudge ({@code {"mode":"reject","grudge":...}} when it
 * rejects), and, just before the stop, {@code effect-partition} with what the cut links did while
 * held (see {@link FaultEffect}). The kinds differ only in how they choose the grudge.
 */
public final class Partition implements Nemesis {

    /** How the cut links behave: {@code drop} (a black hole, the default) or {@code reject} (resets, a firewall REJECT or a dead host). */
    public enum Mode {
        DROP, REJECT;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private final String name;
    private final LinkFaults links;
    private final Function<Random, Grudge> choose;
    private Mode mode = Mode.DROP;
    private volatile FaultEffect effect;

    public Partition(String name, LinkFaults links, Function<Random, Grudge> choose) {
        this.name = name;
        this.links = links;
        this.choose = choose;
    }

    /** This partition with its cut links in {@code newMode}. */
    public Partition in(Mode newMode) {
        this.mode = newMode;
        return this;
    }

    /** A random minority ({@code (n-1)/2} nodes) against the majority, both ways. */
    public static Partition cleanSplit(List<String> nodes, LinkFaults links) {
        return new Partition("clean-split", links, random -> cleanSplitGrudge(nodes, random));
    }

    static Grudge cleanSplitGrudge(List<String> nodes, Random random) {
        List<String> shuffled = shuffled(nodes, random);
        int minority = (nodes.size() - 1) / 2;
        return Grudge.split(new TreeSet<>(shuffled.subList(0, minority)), new TreeSet<>(shuffled.subList(minority, shuffled.size())));
    }

    /**
     * One direction only: a random minority's bytes to the majority vanish, while the minority still
     * hears the majority (a half-broken NIC, an asymmetric firewall rule).
     */
    public static Partition asymmetric(List<String> nodes, LinkFaults links) {
        return new Partition("asymmetric", links, random -> asymmetricGrudge(nodes, random));
    }

    static Grudge asymmetricGrudge(List<String> nodes, Random random) {
        List<String> shuffled = shuffled(nodes, random);
        int minority = (nodes.size() - 1) / 2;
        return Grudge.oneWay(new TreeSet<>(shuffled.subList(0, minority)), new TreeSet<>(shuffled.subList(minority, shuffled.size())));
    }

    /**
     * Two halves that cannot reach each other and one node in the middle that reaches both (Jepsen's
     * bridge): each half plus the bridge can look like a majority.
     */
    public static Partition bridge(List<String> nodes, LinkFaults links) {
        return new Partition("bridge", links, random -> bridgeGrudge(nodes, random));
    }

    static Grudge bridgeGrudge(List<String> nodes, Random random) {
        List<String> s = shuffled(nodes, random);
        int half = nodes.size() / 2;
        return Grudge.split(new TreeSet<>(s.subList(0, half)), new TreeSet<>(s.subList(half + 1, s.size())));
    }

    /**
     * Every node sees a majority, but no two see the same one (Jepsen's majorities-ring): the nodes
     * in a random ring, each reaching only its nearest neighbours on both sides.
     */
    public static Partition majoritiesRing(List<String> nodes, LinkFaults links) {
        return new Partition("majorities-ring", links, random -> majoritiesRingGrudge(nodes, random));
    }

    static Grudge majoritiesRingGrudge(List<String> nodes, Random random) {
        List<String> ring = shuffled(nodes, random);
        int n = ring.size();
        int reach = (n / 2 + 1) / 2; // neighbours per side: self + 2*reach >= a majority
        java.util.Map<String, Set<String>> drops = new java.util.TreeMap<>();
        for (int i = 0; i < n; i++) {
            Set<String> far = new TreeSet<>();
            for (int j = 0; j < n; j++) {
                int d = Math.abs(i - j);
                if (Math.min(d, n - d) > reach) {
                    far.add(ring.get(j));
                }
            }
            drops.put(ring.get(i), far);
        }
        return new Grudge(drops);
    }

    private static List<String> shuffled(List<String> nodes, Random random) {
        List<String> s = new ArrayList<>(nodes);
        Collections.shuffle(s, random);
        return s;
    }

    /**
     * One node against all others: a random one, or, when {@code leader} is given, the current
     * leader as the target reports it (a random one while there is none).
     */
    public static Partition isolate(List<String> nodes, LinkFaults links, Leader leader) {
        return new Partition(leader != null ? "isolate-leader" : "isolate", links, random -> {
            String victim = leader != null ? leader.leader() : null;
            if (victim == null) {
                victim = nodes.get(random.nextInt(nodes.size()));
            }
            Set<String> rest = new TreeSet<>(nodes);
            rest.remove(victim);
            return Grudge.split(Set.of(victim), rest);
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Event start(Random random) {
        Grudge g = choose.apply(random);
        List<LinkFaults.Change> changes = mode == Mode.REJECT ? links.reject(g) : links.partition(g);
        effect = FaultEffect.watch(links, changes);
        return new Event("partition", mode == Mode.REJECT ? java.util.Map.of("mode", mode.id(), "grudge", g.asValue()) : g.asValue());
    }

    @Override
    public Event effect() {
        FaultEffect e = effect;
        return e == null ? null : e.measure("partition", mode.id());
    }

    @Override
    public Event stop() {
        effect = null;
        links.healPartition(); // a degradation held at the same time stays
        return new Event("partition", null);
    }

    @Override
    public void healAll() {
        links.heal();
    }
}
