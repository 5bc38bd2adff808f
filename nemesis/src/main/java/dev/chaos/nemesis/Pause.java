package dev.chaos.nemesis;

import dev.chaos.cluster.Cluster;
import dev.chaos.workload.Nemesis;
import java.util.List;
import java.util.Random;

/**
 * SIGSTOPs one random node and SIGCONTs it at the stop: the node freezes with its sockets open and
 * its timers stalled (a long GC pause, a hung VM), then resumes believing no time passed.
 */
public final class Pause implements Nemesis {

    private final Cluster cluster;
    private volatile String paused;

    public Pause(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "pause";
    }

    @Override
    public Event start(Random random) throws Exception {
        List<String> nodes = cluster.nodes();
        String victim = nodes.get(random.nextInt(nodes.size()));
        cluster.pause(victim);
        paused = victim;
        return new Event("pause", List.of(victim));
    }

    @Override
    public Event stop() throws Exception {
        String p = paused;
        if (p != null) {
            cluster.resume(p);
            paused = null;
        }
        return new Event("pause", p == null ? List.of() : List.of(p));
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
