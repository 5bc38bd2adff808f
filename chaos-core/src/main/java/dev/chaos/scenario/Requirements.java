package dev.chaos.scenario;

import dev.chaos.cluster.Capability;
import java.util.List;
import java.util.Set;

/**
 * What a scenario needs its cluster to be able to do, from its faults and procedure steps, checked
 * against what a target's cluster is ({@link dev.chaos.cluster.Target#capabilities}) before
 * anything starts.
 */
public final class Requirements {

    private Requirements() {
    }

    /** Why {@code scenario} cannot run on a cluster with {@code has}, or null when it can. */
    public static String unmet(Scenario scenario, Set<Capability> has, String target) {
        for (Step s : scenario.schedule()) {
            List<String> kinds = s.fault() != null ? List.of(s.fault()) : s.random();
            for (String id : kinds) {
                FaultKind k = FaultKind.of(id);
                if (k != null && k.need() != null && !has.contains(k.need())) {
                    return "scenario '" + scenario.name() + "' uses fault '" + id + "', which needs " + k.need().id()
                            + ", but target " + target + " can only " + describe(has);
                }
            }
        }
        if (scenario.alerts() != null && !has.contains(Capability.METRICS)) {
            return "scenario '" + scenario.name() + "' has alerts, which need metrics (nodes that serve Prometheus metrics), but target "
                    + target + " can only " + describe(has);
        }
        for (Procedure p : scenario.procedures()) {
            if (p.nodes() != null && !has.contains(Capability.LEADER)
                    && p.nodes().stream().anyMatch(ProcedureNodes.ROLES::contains)) {
                return "scenario '" + scenario.name() + "' has a procedure that picks nodes by role (" + String.join(", ", p.nodes())
                        + "), which needs leader, but target " + target + " can only " + describe(has);
            }
            for (ProcedureStep st : p.steps()) {
                Capability need = need(st);
                if (need != null && !has.contains(need)) {
                    return "scenario '" + scenario.name() + "' has a procedure step '" + st.kind() + "', which needs " + need.id()
                            + ", but target " + target + " can only " + describe(has);
                }
            }
        }
        return null;
    }

    /** Whether any fault the schedule may start (a random step's choices included) needs {@code capability}. */
    public static boolean uses(Scenario scenario, Capability capability) {
        for (Step s : scenario.schedule() == null ? List.<Step>of() : scenario.schedule()) {
            for (String id : s.fault() != null ? List.of(s.fault()) : s.random()) {
                FaultKind k = FaultKind.of(id);
                if (k != null && k.need() == capability) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The capability a procedure step needs, or null. */
    static Capability need(ProcedureStep step) {
        if (step.action() == null) {
            return null;
        }
        return switch (step.action()) {
            case "stop", "start" -> Capability.STOP_START;
            case "kill" -> Capability.KILL;
            case "wipe" -> Capability.WIPE;
            case "remove-member", "add-member", "decommission" -> Capability.MEMBERSHIP;
            case "wait-healthy", "wait-caught-up" -> Capability.HEALTH;
            default -> null;
        };
    }

    private static String describe(Set<Capability> has) {
        return has.isEmpty() ? "be partitioned (it has no optional capability)"
                : String.join(", ", has.stream().map(Capability::id).toList());
    }
}
