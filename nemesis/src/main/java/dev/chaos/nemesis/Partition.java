package dev.chaos.nemesis;

import dev.chaos.cluster.Cluster;
import dev.chaos.fault.Grudge;
import dev.chaos.workload.Nemesis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A network partition: at each start a grudge is chosen and applied as black holes; at each stop
 * everything is healed. Recorded as {@code start-partition} with the grudge. The kinds differ only
 * in how they choose the grudge.
 */
public final class Partition implements Nemesis {

    private final String name;
    private final LinkFaults links;
    private final Function<Random, Grudge> choose;

    public Partition(String name, LinkFaults links, Function<Random, Grudge> choose) {
        this.name = name;
        this.links = links;
        this.choose = choose;
    }

    /** A random minority ({@code (n-1)/2} nodes) against the majority, both ways. */
    public static Partition cleanSplit(List<String> nodes, LinkFaults links) {
        return new Partition("clean-split", links, random -> {
            List<String> shuffled = new ArrayList<>(nodes);
            Collections.shuffle(shuffled, random);
            int minority = (nodes.size() - 1) / 2;
            return Grudge.split(new TreeSet<>(shuffled.subList(0, minority)), new TreeSet<>(shuffled.subList(minority, shuffled.size())));
        });
    }

    /** One node against all others: a random one, or the current leader as the target reports it. */
    public static Partition isolate(Cluster cluster, LinkFaults links, boolean leader) {
        return new Partition(leader ? "isolate-leader" : "isolate", links, random -> {
            List<String> nodes = cluster.nodes();
            String victim = leader ? cluster.leader() : null;
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
        links.partition(g);
        return new Event("partition", g.asValue());
    }

    @Override
    public Event stop() {
        links.heal();
        return new Event("partition", null);
    }

    @Override
    public void healAll() {
        links.heal();
    }
}
