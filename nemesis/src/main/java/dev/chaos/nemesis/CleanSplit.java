package dev.chaos.nemesis;

import dev.chaos.workload.Nemesis;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * A clean split: a random minority ({@code (n-1)/2} nodes) and the majority stop hearing each
 * other, both ways, as black holes. Recorded as {@code start-partition} with the grudge.
 */
public final class CleanSplit implements Nemesis {

    private final List<String> nodes;
    private final LinkFaults links;

    public CleanSplit(List<String> nodes, LinkFaults links) {
        this.nodes = List.copyOf(nodes);
        this.links = links;
    }

    @Override
    public String name() {
        return "clean-split";
    }

    @Override
    public Event start(Random random) {
        List<String> shuffled = new ArrayList<>(nodes);
        Collections.shuffle(shuffled, random);
        int minority = (nodes.size() - 1) / 2;
        Set<String> small = new TreeSet<>(shuffled.subList(0, minority));
        Set<String> large = new TreeSet<>(shuffled.subList(minority, shuffled.size()));
        Grudge g = Grudge.split(small, large);
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
