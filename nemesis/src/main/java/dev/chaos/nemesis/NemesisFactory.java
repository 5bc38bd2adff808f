package dev.chaos.nemesis;

import dev.chaos.cluster.Capability;
import dev.chaos.cluster.ClockControl;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Killable;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.Membership;
import dev.chaos.cluster.Pausable;
import dev.chaos.scenario.FaultKind;
import dev.chaos.scenario.Step;
import dev.chaos.run.HealCheck;
import dev.chaos.run.Nemesis;
import dev.chaos.cluster.LinkSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The nemesis for each scheduled fault, on one cluster and its links; heals all it made, and checks
 * from the proxy's counters that the final heal left nothing behind.
 */
public final class NemesisFactory implements Function<Step, Nemesis>, HealCheck {

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
        Partition.Mode mode = "reject".equals(step.mode()) ? Partition.Mode.REJECT : Partition.Mode.DROP;
        Nemesis n = switch (kind) {
            case CLEAN_SPLIT -> Partition.cleanSplit(nodes, links).in(mode);
            case ISOLATE -> Partition.isolate(nodes, links, null).in(mode);
            case ISOLATE_LEADER -> Partition.isolate(nodes, links, Capability.require(cluster, Leader.class, "fault " + kind.id())).in(mode);
            case ASYMMETRIC -> Partition.asymmetric(nodes, links);
            case BRIDGE -> Partition.bridge(nodes, links).in(mode);
            case MAJORITIES_RING -> Partition.majoritiesRing(nodes, links).in(mode);
            case KILL -> NodeFault.killRestart(nodes, Capability.require(cluster, Killable.class, "fault " + kind.id()));
            case PAUSE -> NodeFault.pause(nodes, Capability.require(cluster, Pausable.class, "fault " + kind.id()));
            case CASCADING -> new Cascading(nodes, Capability.require(cluster, Killable.class, "fault " + kind.id()));
            case MEMBER_CHURN -> new MemberChurn(nodes, Capability.require(cluster, Membership.class, "fault " + kind.id()));
            case SLOW -> new SlowNetwork(links, step.latency(), step.jitter(), step.bandwidth());
            case CLOCK_SKEW -> ClockFault.skew(nodes, Capability.require(cluster, ClockControl.class, "fault " + kind.id()), step.maxOffset());
            case CLOCK_BUMP -> ClockFault.bump(nodes, Capability.require(cluster, ClockControl.class, "fault " + kind.id()), step.offset());
            case CLOCK_STROBE -> ClockFault.strobe(nodes, Capability.require(cluster, ClockControl.class, "fault " + kind.id()), step.offset());
        };
        made.add(n);
        return n;
    }

    /**
     * After the final heal: no toxic and no disabled proxy may be left, and the bytes each peer link
     * forwarded in the recovery window show that traffic moved again. Nothing is recorded when the
     * proxy publishes no counters (a real Toxiproxy).
     */
    @Override
    public Supplier<Object> begin() {
        Map<String, LinkCounters> before = links.counters();
        if (before.isEmpty()) {
            return () -> null;
        }
        long t0 = System.nanoTime();
        return () -> {
            LinkFaults.Leftovers left = links.leftovers();
            Map<String, LinkCounters> now = links.counters();
            Map<String, Object> flowed = new LinkedHashMap<>();
            for (LinkSpec l : links.peerLinks()) {
                LinkCounters b = before.get(l.name());
                LinkCounters n = now.get(l.name());
                if (b != null && n != null) {
                    flowed.put(l.name(), n.since(b).forwarded());
                }
            }
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("toxics", left.toxics());
            value.put("disabled", left.disabled());
            value.put("window-ms", (System.nanoTime() - t0) / 1_000_000);
            value.put("flowed", flowed);
            return value;
        };
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
