package dev.chaos.scenario;

import dev.chaos.cluster.Capability;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The fault kinds a schedule may name: each with the step parameters it takes and what it needs
 * from the target. {@code dev.chaos.nemesis.NemesisFactory} builds the nemesis for each.
 */
public enum FaultKind {
    CLEAN_SPLIT("clean-split", Family.PARTITION, Set.of("mode"), null, "a random minority and the majority stop hearing each other"),
    ISOLATE("isolate", Family.PARTITION, Set.of("mode"), null, "one random node against all others"),
    ISOLATE_LEADER("isolate-leader", Family.PARTITION, Set.of("mode"), Capability.LEADER, "the current leader against all others"),
    ASYMMETRIC("asymmetric", Family.PARTITION, Set.of("mode"), null, "a random minority's bytes to the majority vanish; it still hears them"),
    BRIDGE("bridge", Family.PARTITION, Set.of("mode"), null, "two halves cut apart, one node in the middle reaching both"),
    MAJORITIES_RING("majorities-ring", Family.PARTITION, Set.of("mode"), null, "every node sees a majority, no two the same one"),
    KILL("kill", Family.NODE, Set.of(), Capability.KILL, "SIGKILL one random node, restart it with its data at the stop"),
    PAUSE("pause", Family.NODE, Set.of(), Capability.PAUSE, "SIGSTOP one random node, SIGCONT at the stop"),
    CASCADING("cascading", Family.NODE, Set.of("interval"), Capability.KILL, "kill one more node every interval until more than half are gone"),
    MEMBER_CHURN("member-churn", Family.NODE, Set.of(), Capability.MEMBERSHIP, "remove one random member (the rest keep a quorum), add it back empty at the stop"),
    SLOW("slow", Family.SLOW, Set.of("latency", "jitter", "bandwidth"), null, "latency, jitter and a bandwidth cap on every peer link"),
    CLOCK_SKEW("clock-skew", Family.CLOCK, Set.of("max-offset"), Capability.CLOCK, "every node's clock off by its own random whole seconds within ±max-offset"),
    CLOCK_BUMP("clock-bump", Family.CLOCK, Set.of("offset"), Capability.CLOCK, "one random node's clock jumps by offset (negative: back)"),
    CLOCK_STROBE("clock-strobe", Family.CLOCK, Set.of("offset", "interval"), Capability.CLOCK, "one random node's clock flips between real time and offset every interval");


    /**
     * What a fault acts on, and so what its stop undoes. Partitions black-hole link streams and
     * their stop removes every black hole; a slowdown adds latency and bandwidth toxics and its stop
     * removes those; node faults act on processes; clock faults set node clocks off and their stop
     * sets them back. Faults of different families may overlap in a
     * schedule (a partition on slow links with a crash in it); two of one family may not.
     */
    public enum Family {
        PARTITION, SLOW, NODE, CLOCK;

        /** As written in messages: {@code partition}, {@code slow}, {@code node}, {@code clock}. */
        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** Every family's id, for messages. */
        public static String ids() {
            return java.util.Arrays.stream(values()).map(Family::id).collect(java.util.stream.Collectors.joining(", "));
        }
    }

    private final String id;
    private final Family family;
    private final Set<String> params;
    private final Capability need;
    private final String description;

    FaultKind(String id, Family family, Set<String> params, Capability need, String description) {
        this.id = id;
        this.family = family;
        this.params = params;
        this.need = need;
        this.description = description;
    }

    public String id() {
        return id;
    }

    public Family family() {
        return family;
    }

    /** Step parameters beyond the timing ones (mode, latency, jitter, bandwidth, interval, offset, max-offset). */
    public Set<String> params() {
        return params;
    }

    /** What the fault needs the cluster to be, checked before anything starts; null for nothing (links are the backend's). */
    public Capability need() {
        return need;
    }

    public String description() {
        return description;
    }

    /** The kind named {@code id}, or null. */
    public static FaultKind of(String id) {
        for (FaultKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        return null;
    }

    public static List<String> ids() {
        return Arrays.stream(values()).map(FaultKind::id).toList();
    }
}
