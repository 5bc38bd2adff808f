package dev.chaos.nemesis;

import dev.chaos.cluster.Killable;
import dev.chaos.run.Nemesis;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Cascading node loss: one random node is killed at the start and one more at each
 * {@link #advance} until more than half are gone (quorum lost); the stop restarts them all. Each
 * event carries every node lost so far.
 */
public final class Cascading implements Nemesis {

    private final Killable cluster;
    private final List<String> nodes;
    private final List<String> killed = new ArrayList<>();

    public Cascading(List<String> nodes, Killable cluster) {
        this.cluster = cluster;
        this.nodes = List.copyOf(nodes);
    }

    @Override
    public String name() {
        return "cascading";
    }

    @Override
    public synchronized Event start(Random random) throws Exception {
        killOne(random);
        return new Event("cascading", List.copyOf(killed));
    }

    @Override
    public synchronized Event advance(Random random) throws Exception {
        if (killed.size() * 2 > nodes.size()) {
            return null; // more than half are gone: hold until the stop
        }
        killOne(random);
        return new Event("cascading", List.copyOf(killed));
    }

    private void killOne(Random random) throws Exception {
        List<String> alive = new ArrayList<>(nodes);
        alive.removeAll(killed);
        String victim = alive.get(random.nextInt(alive.size()));
        cluster.kill(victim);
        killed.add(victim);
    }

    @Override
    public synchronized Event stop() throws Exception {
        List<String> restored = List.copyOf(killed);
        for (String n : restored) {
            cluster.restart(n);
        }
        killed.clear();
        return new Event("cascading", restored);
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
