package dev.chaos.scenario;

import java.time.Duration;
import java.util.List;

/**
 * An operator procedure the run carries out while the workload and the checkers run: a list of steps
 * (stop a node, wipe it, start it, wait until it serves, run a script...), started at a point of the
 * run, once per node of a list or once in all. Each step's begin and end (with its exit status) are
 * nemesis ops in the history, and the procedure's interval counts as a fault window for the
 * availability and SLO measurements. A failing step ends the procedure; the {@code procedure}
 * checker then judges the run invalid.
 *
 * @param name        what it is, for the history and the report; default {@code procedure-<index>}
 * @param at          when it starts, from the run start (scaled with {@code --duration}, like the schedule)
 * @param forEachNode the steps run once per node, n1 first
 * @param nodes       the steps run once per node listed, in that order (instead of {@code for-each-node});
 *                    besides n1..nN, {@code leader} names the current leader, {@code follower} a node
 *                    that is not, and {@code followers} every node neither the leader nor otherwise
 *                    listed, in n1..nN order; resolved when the procedure starts ({@link ProcedureNodes}).
 *                    {@code [followers, leader]} restarts the leader last on any cluster size
 * @param steps       what to do, in order
 */
public record Procedure(String name, Duration at, Boolean forEachNode, List<String> nodes, List<ProcedureStep> steps) {

    public Procedure {
        nodes = nodes == null ? null : List.copyOf(nodes);
        steps = steps == null ? null : List.copyOf(steps);
    }

    /** The nodes each round of steps is for, in order; a single null (no node) when neither is given. */
    public List<String> rounds(List<String> clusterNodes) {
        if (Boolean.TRUE.equals(forEachNode)) {
            return clusterNodes;
        }
        if (nodes != null && !nodes.isEmpty()) {
            return nodes;
        }
        return java.util.Collections.singletonList(null);
    }

    Procedure scaled(double factor) {
        return new Procedure(name, Step.scale(at, factor), forEachNode, nodes, steps);
    }
}
