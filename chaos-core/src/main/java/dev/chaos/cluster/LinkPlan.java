package dev.chaos.cluster;

import java.util.List;

/**
 * The ports a target's nodes listen on, from which the backend makes the links: one per ordered
 * pair of nodes and per peer port, one client link per node, and, when asked, a client link per
 * ordered pair (for clients that live beside their node and may talk to any server, e.g. a Redis
 * client of node i writing to the primary j).
 *
 * @param clientPort      the port clients use
 * @param peerPorts       the ports nodes reach each other on, by role (e.g. ZooKeeper: quorum, election)
 * @param clientPairPort  where the pair client links listen (on the docker backend, beside the peer
 *                        links on the pair's address), or null for none
 */
public record LinkPlan(int clientPort, List<Integer> peerPorts, Integer clientPairPort) {

    public LinkPlan {
        peerPorts = List.copyOf(peerPorts);
    }

    /** Client links to {@code clientPort}, peer links to each of {@code peerPorts} (the client port too, when peers use it). */
    public static LinkPlan of(int clientPort, List<Integer> peerPorts) {
        return new LinkPlan(clientPort, peerPorts, null);
    }

    public LinkPlan withClientPairLinks(int listenPort) {
        return new LinkPlan(clientPort, peerPorts, listenPort);
    }
}
