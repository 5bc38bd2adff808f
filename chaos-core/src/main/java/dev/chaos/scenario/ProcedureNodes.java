package dev.chaos.scenario;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The roles a procedure's {@code nodes} list may name besides n1..nN, and the nodes they come to when
 * the procedure starts. {@code leader} is the current leader (or primary). {@code follower} is one
 * node that is not: the first in n1..nN order that is neither the leader, nor named explicitly in the
 * list, nor picked by an earlier {@code follower}. {@code followers} is every node left: neither the
 * leader, nor named explicitly, nor picked by a {@code follower}, in n1..nN order, possibly none. So
 * {@code [followers, leader]} restarts the leader last on any cluster size, {@code [leader, followers]}
 * first, and {@code [follower, leader, followers]} one follower, then the leader, then the rest. The
 * {@code follower} picks are made before {@code followers} expands, wherever they stand in the list.
 *
 * <p>{@code leader} and {@code followers} need a leader when the procedure starts; without one the
 * procedure fails at once rather than guess. {@code follower} alone does not: on a cluster without a
 * leader it is the first node not named.
 */
public final class ProcedureNodes {

    public static final String LEADER = "leader";
    public static final String FOLLOWER = "follower";
    public static final String FOLLOWERS = "followers";

    /** The role names, in the order error messages list them. */
    public static final List<String> ROLES = List.of(LEADER, FOLLOWER, FOLLOWERS);

    private ProcedureNodes() {
    }

    /**
     * The nodes a procedure's rounds are for, the roles resolved.
     *
     * @param rounds       the rounds as written ({@link Procedure#rounds}): node names and roles, or a
     *                     single null (no node), returned as given
     * @param clusterNodes n1..nN, in order
     * @param leader       asked once, and only when a role is named; null when there is no leader now
     * @throws IllegalStateException    when {@code leader} or {@code followers} is named and there is no
     *                                  leader, or a {@code follower} is named and no node is left for it
     * @throws IllegalArgumentException when {@code followers} is named twice (scenario files refuse it)
     */
    public static List<String> resolve(List<String> rounds, List<String> clusterNodes, Supplier<String> leader) {
        if (rounds.isEmpty() || rounds.get(0) == null || rounds.stream().noneMatch(ROLES::contains)) {
            return rounds;
        }
        if (rounds.stream().filter(FOLLOWERS::equals).count() > 1) {
            throw new IllegalArgumentException("'followers' is named more than once");
        }
        String now = leader.get();
        Set<String> taken = new HashSet<>();
        for (String n : rounds) {
            if (!ROLES.contains(n)) {
                taken.add(n);
            } else if (now == null && n.equals(LEADER)) {
                throw new IllegalStateException("the procedure names the leader, but the cluster has none now");
            } else if (now == null && n.equals(FOLLOWERS)) {
                throw new IllegalStateException("the procedure names the followers, but the cluster has no leader now");
            }
        }
        if (now != null) {
            taken.add(now);
        }
        List<String> picked = new ArrayList<>(rounds.size());
        for (String n : rounds) {
            if (n.equals(FOLLOWER)) {
                String f = clusterNodes.stream().filter(x -> !taken.contains(x)).findFirst()
                        .orElseThrow(() -> new IllegalStateException("no follower left to name"));
                taken.add(f);
                picked.add(f);
            } else {
                picked.add(n.equals(LEADER) ? now : n);
            }
        }
        List<String> out = new ArrayList<>();
        for (String n : picked) {
            if (n.equals(FOLLOWERS)) {
                clusterNodes.stream().filter(x -> !taken.contains(x)).forEach(out::add);
            } else {
                out.add(n);
            }
        }
        return List.copyOf(out);
    }
}
