package dev.chaos.scenario;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes a scenario's procedures bring into the cluster for the first time: a node named
 * explicitly ({@code nodes: [n4]}) whose first membership step, in the order the procedures run, is
 * {@code add-member}. Such a node is a spare slot: it is not started with the cluster nor listed in
 * its initial membership, clients meant for it use another node until it has joined, and the
 * {@code add-member} step makes it a new member (a cluster expansion). A node that is removed first
 * ({@code remove-member}, {@code decommission}) was a member from the start.
 */
public final class SpareNodes {

    private static final Set<String> MEMBERSHIP = Set.of("add-member", "remove-member", "decommission");

    private SpareNodes() {
    }

    /**
     * The spare nodes among {@code nodes}, in n1..nN order.
     *
     * @throws ScenarioException when no node would be left to start the cluster with
     */
    public static List<String> of(List<Procedure> procedures, List<String> nodes) {
        Map<String, String> first = new LinkedHashMap<>();
        List<Procedure> inOrder = new ArrayList<>(procedures);
        inOrder.sort(Comparator.comparing(Procedure::at, Comparator.nullsFirst(Comparator.naturalOrder())));
        for (Procedure p : inOrder) {
            List<String> rounds = Boolean.TRUE.equals(p.forEachNode()) ? nodes : p.nodes() == null ? List.of() : p.nodes();
            for (String node : rounds) {
                if (!nodes.contains(node)) {
                    continue; // leader, follower(s): resolved at run time, members by then
                }
                for (ProcedureStep step : p.steps() == null ? List.<ProcedureStep>of() : p.steps()) {
                    if (step != null && step.action() != null && MEMBERSHIP.contains(step.action())) {
                        first.putIfAbsent(node, step.action());
                        break;
                    }
                }
            }
        }
        List<String> spares = nodes.stream().filter(n -> "add-member".equals(first.get(n))).toList();
        if (!spares.isEmpty() && spares.size() == nodes.size()) {
            throw new ScenarioException("procedure: every node (" + String.join(", ", nodes) + ") is first added by add-member,"
                    + " so none would start the cluster; add only the new nodes (e.g. nodes: [n" + nodes.size() + "])");
        }
        return spares;
    }
}
