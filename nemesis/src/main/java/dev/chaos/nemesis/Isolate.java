package dev.chaos.nemesis;

import dev.chaos.cluster.Cluster;
import dev.chaos.workload.Nemesis;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/** Cuts one node off from all others: a random node, or the current leader as the target reports it. */
public final class Isolate implements Nemesis {

    private final Cluster cluster;
    private final LinkFaults links;
    private final boolean leader;

    public Isolate(Cluster cluster, LinkFaults links, boolean leader) {
        this.cluster = cluster;
        this.links = links;
        this.leader = leader;
    }

    @Override
    public String name() {
        return leader ? "isolate-leader" : "isolate";
    }

    @Override
    public Event start(Random random) {
        List<String> nodes = cluster.nodes();
        String victim = leader ? cluster.leader() : null;
        if (victim == null) {
            victim = nodes.get(random.nextInt(nodes.size()));
        }
        Set<String> rest = new TreeSet<>(nodes);
        rest.remove(victim);
        Grudge g = Grudge.split(Set.of(victim), rest);
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
