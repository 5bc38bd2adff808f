package dev.chaos.nemesis;

import dev.chaos.cluster.Membership;
import dev.chaos.run.Nemesis;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Membership churn: at the start one random node is removed from the membership (the others shrink
 * their quorum to match), at the stop it is added back as a new, empty member that catches up from
 * the others. Only one node leaves, so the members left are always a majority of the original
 * cluster and keep a quorum. Recorded as {@code start-member-churn} with
 * {@code {"nodes": [n], "old-ids": {n: id}}} and {@code stop-member-churn} with the new ids added
 * ({@code "new-ids": {n: id}}), so a reader can follow the node's identities in the target's logs.
 */
public final class MemberChurn implements Nemesis {

    /** The fewest nodes churn works on: with fewer, the members left after a removal are no majority of the cluster. */
    public static final int MIN_NODES = 3;

    private final Membership cluster;
    private final List<String> nodes;
    /** Removed and not yet added back, with the id each had (null while its removal is under way). */
    private final Map<String, String> removed = new LinkedHashMap<>();

    public MemberChurn(List<String> nodes, Membership cluster) {
        if (nodes.size() < MIN_NODES) {
            throw new IllegalArgumentException("member-churn needs at least " + MIN_NODES + " nodes, so that the members left keep a quorum; "
                    + "this cluster has " + nodes.size());
        }
        this.cluster = cluster;
        this.nodes = List.copyOf(nodes);
    }

    @Override
    public String name() {
        return "member-churn";
    }

    /** The node to remove, with the run's random: any one of them (removing one of at least three keeps a majority). */
    static String pick(List<String> nodes, Random random) {
        return nodes.get(random.nextInt(nodes.size()));
    }

    @Override
    public synchronized Event start(Random random) throws Exception {
        String victim = pick(nodes, random);
        removed.put(victim, null); // before the call: a removal that fails half-way is still added back at the heal
        removed.put(victim, cluster.removeMember(victim));
        return new Event(name(), value(removed, null));
    }

    @Override
    public synchronized Event stop() throws Exception {
        Map<String, String> old = new LinkedHashMap<>(removed);
        Map<String, String> added = new LinkedHashMap<>();
        for (String n : old.keySet()) {
            added.put(n, cluster.addMember(n));
            removed.remove(n);
        }
        return new Event(name(), value(old, added));
    }

    /** The history's value: the nodes, their old member ids, and (at the stop) their new ones. */
    static Map<String, Object> value(Map<String, String> old, Map<String, String> added) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("nodes", new ArrayList<>(old.keySet()));
        v.put("old-ids", new LinkedHashMap<>(old));
        if (added != null) {
            v.put("new-ids", new LinkedHashMap<>(added));
        }
        return v;
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
