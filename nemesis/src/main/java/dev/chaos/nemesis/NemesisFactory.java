package dev.chaos.nemesis;

import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Killable;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.Pausable;
import dev.chaos.scenario.FaultKind;
import dev.chaos.scenario.Step;
import dev.chaos.run.Nemesis;
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
            case ISOLATE -> Partition.isolate(nodes, links, null);
            case ISOLATE_LEADER -> Partition.isolate(nodes, links, Capability.require(cluster, Leader.class, "fault " + kind.id()));
            case ASYMMETRIC -> Partition.asymmetric(nodes, links);
            case BRIDGE -> Partition.bridge(nodes, links);
            case MAJORITIES_RING -> Partition.majoritiesRing(nodes, links);
            case KILL -> NodeFault.killRestart(nodes, Capability.require(cluster, Killable.class, "fault " + kind.id()));
            case PAUSE -> NodeFault.pause(nodes, Capability.require(cluster, Pausable.class, "fault " + kind.id()));
            case CASCADING -> new Cascading(nodes, Capability.require(cluster, Killable.class, "fault " + kind.id()));
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
