package dev.chaos.nemesis;

import dev.chaos.cluster.Cluster;
import dev.chaos.workload.Nemesis;
import java.util.List;
import java.util.Random;

/** SIGKILLs one random node (a crash), and starts it again with its data at the stop. */
public final class KillRestart implements Nemesis {

    private final Cluster cluster;
    private volatile String killed;

    public KillRestart(Cluster cluster) {
        this.cluster = cluster;
    }

    @Override
    public String name() {
        return "kill-restart";
    }

    @Override
    public Event start(Random random) throws Exception {
        List<String> nodes = cluster.nodes();
        String victim = nodes.get(random.nextInt(nodes.size()));
        cluster.kill(victim);
        killed = victim;
        return new Event("kill", List.of(victim));
    }

    @Override
    public Event stop() throws Exception {
        String k = killed;
        if (k != null) {
            cluster.restart(k);
            killed = null;
        }
        return new Event("kill", k == null ? List.of() : List.of(k));
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
