package dev.chaos.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The fault kinds a schedule may name: each with the step parameters it takes and what it needs
 * from the target. {@link NemesisFactory} builds the nemesis for each.
 */
public enum FaultKind {
    CLEAN_SPLIT("clean-split", Set.of(), Need.NOTHING, "a random minority and the majority stop hearing each other"),
    ISOLATE("isolate", Set.of(), Need.NOTHING, "one random node against all others"),
    ISOLATE_LEADER("isolate-leader", Set.of(), Need.LEADER, "the current leader against all others"),
    ASYMMETRIC("asymmetric", Set.of(), Need.NOTHING, "a random minority's bytes to the majority vanish; it still hears them"),
    BRIDGE("bridge", Set.of(), Need.NOTHING, "two halves cut apart, one node in the middle reaching both"),
    MAJORITIES_RING("majorities-ring", Set.of(), Need.NOTHING, "every node sees a majority, no two the same one"),
    KILL("kill", Set.of(), Need.KILL, "SIGKILL one random node, restart it with its data at the stop"),
    PAUSE("pause", Set.of(), Need.PAUSE, "SIGSTOP one random node, SIGCONT at the stop"),
    CASCADING("cascading", Set.of("interval"), Need.KILL, "kill one more node every interval until more than half are gone"),
    SLOW("slow", Set.of("latency", "jitter", "bandwidth"), Need.NOTHING, "latency, jitter and a bandwidth cap on every peer link");

    /** What a fault needs from the target, checked before anything starts. */
    public enum Need { NOTHING, LEADER, KILL, PAUSE }

    private final String id;
    private final Set<String> params;
    private final Need need;
    private final String description;

    FaultKind(String id, Set<String> params, Need need, String description) {
        this.id = id;
        this.params = params;
        this.need = need;
        this.description = description;
    }

    public String id() {
        return id;
    }

    /** Step parameters beyond the timing ones (latency, jitter, bandwidth, interval). */
    public Set<String> params() {
        return params;
    }

    public Need need() {
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
