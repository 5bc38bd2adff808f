package dev.chaos.cluster;

/**
 * A cluster whose membership can change while it serves: a node leaves the membership (the others
 * shrink their quorum to match) and comes back later as a new, empty member. The fault
 * {@code member-churn} and the procedure steps {@code remove-member} and {@code add-member} need it.
 * Unlike {@link Wipeable}, the node is out of the cluster in between, not just down: the others do
 * not count it for their quorum.
 */
public interface Membership {

    /**
     * Removes the node from the membership (through another member, the way an operator would) and
     * stops it; its data stays until {@link #addMember}.
     *
     * @return the id the node had as a member (as the target writes it in its logs)
     */
    String removeMember(String node) throws Exception;

    /**
     * Adds a removed node back as a new member with empty data (a new identity where the target has
     * member ids) and starts it; it catches up from the others.
     *
     * @return the node's new member id
     */
    String addMember(String node) throws Exception;

    /**
     * Takes the node out for good (a decommission): out of the membership, stopped, and its data
     * deleted where the target can; it is not added back. Default: {@link #removeMember}, the data
     * left on the stopped node.
     *
     * @return the id the node had as a member
     */
    default String decommission(String node) throws Exception {
        return removeMember(node);
    }
}
