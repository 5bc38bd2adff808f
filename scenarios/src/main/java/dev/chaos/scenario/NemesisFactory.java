package dev.chaos.scenario;

import dev.chaos.cluster.Cluster;
import dev.chaos.nemesis.Cascading;
import dev.chaos.nemesis.NodeFault;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.Partition;
import dev.chaos.nemesis.SlowNetwork;
import dev.chaos.workload.Nemesis;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** The nemesis for each scheduled fault, on one cluster and its links; heals all it made. */
public final class NemesisFactory implements Function<Step, Nemesis> {

    private final Cluster cluster;
    private final LinkFaults links;
    private final List<Nemesis> made = new CopyOnWriteArrayList<>();

    public NemesisFactory(Cluster cluster, LinkFaults links) {
        this.cluster = cluster;
        this.links = links;
    }

    @Override
    public Nemesis apply(Step step) {
        FaultKind kind = FaultKind.of(step.fault());
        if (kind == null) {
            throw new IllegalArgumentException("unknown fault '" + step.fault() + "'; known: " + String.join(", ", FaultKind.ids()));
        }
        List<String> nodes = cluster.nodes();
        Nemesis n = switch (kind) {
            case CLEAN_SPLIT -> Partition.cleanSplit(nodes, links);
            case ISOLATE -> Partition.isolate(cluster, links, false);
            case ISOLATE_LEADER -> Partition.isolate(cluster, links, true);
            case ASYMMETRIC -> Partition.asymmetric(nodes, links);
            case BRIDGE -> Partition.bridge(nodes, links);
            case MAJORITIES_RING -> Partition.majoritiesRing(nodes, links);
            case KILL -> NodeFault.killRestart(cluster);
            case PAUSE -> NodeFault.pause(cluster);
            case CASCADING -> new Cascading(cluster);
            case SLOW -> new SlowNetwork(links, step.latency(), step.jitter(), step.bandwidth());
        };
        made.add(n);
        return n;
    }

    /** Heals every link and every process fault this factory's nemeses started; safe at any time. */
    public void healAll() {
        for (Nemesis n : made) {
            n.healAll();
        }
        try {
            links.heal();
        } catch (RuntimeException ignored) {
            // the proxy server may already be gone at teardown
        }
    }
}
