package dev.chaos.scenario;

import java.util.List;
import java.util.Map;

/**
 * What a target offers the nemesis, known before anything starts, so a scenario that cannot apply
 * (isolate-leader on a leaderless target, pause where the backend cannot pause) is refused up front.
 *
 * @param target e.g. {@code zookeeper}
 * @param leader whether the target has a leader (or primary) the nemesis can find
 * @param kill   whether nodes can be killed and restarted
 * @param pause  whether nodes can be paused and resumed
 */
public record TargetTraits(String target, boolean leader, boolean kill, boolean pause) {

    /**
     * The known targets. Local processes are killed and paused with signals, containers with
     * {@code docker kill} and {@code docker pause}: both backends support both.
     */
    private static final Map<String, TargetTraits> KNOWN = Map.of(
            "zookeeper", new TargetTraits("zookeeper", true, true, true),
            "etcd", new TargetTraits("etcd", true, true, true),
            "redis", new TargetTraits("redis", true, true, true));

    /** The traits of {@code target}, or null when it is not known. */
    public static TargetTraits of(String target) {
        return KNOWN.get(target);
    }

    /** Why the resolved scenario cannot run on this target, or null when it can. */
    public String cannotRun(Scenario scenario) {
        for (Step s : scenario.schedule()) {
            List<String> kinds = s.fault() != null ? List.of(s.fault()) : s.random();
            for (String id : kinds) {
                FaultKind k = FaultKind.of(id);
                String missing = k == null ? null : switch (k.need()) {
                    case LEADER -> leader ? null : "has no leader";
                    case KILL -> kill ? null : "cannot kill and restart nodes";
                    case PAUSE -> pause ? null : "cannot pause nodes";
                    case NOTHING -> null;
                };
                if (missing != null) {
                    return "scenario '" + scenario.name() + "' uses fault '" + id + "', but target " + target + " " + missing;
                }
            }
        }
        return null;
    }
}
