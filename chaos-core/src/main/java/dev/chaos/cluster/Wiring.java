package dev.chaos.cluster;

import java.util.Map;

/**
 * Where everything of a wired cluster is, as a target configures its nodes and clients with it.
 *
 * @param topology every link
 * @param listen   each link's listen address once created, by proxy name
 * @param at       the backend's addresses
 * @param plan     the ports the target asked for
 */
public record Wiring(LinkTopology topology, Map<String, String> listen, LinkTopology.Addresses at, LinkPlan plan) {

    /** The node's own address. */
    public String host(String node) {
        return at.host(node);
    }

    /** The node's real port for the plan's port {@code planned}. */
    public int port(String node, int planned) {
        return at.port(node, planned);
    }

    public int clientPort(String node) {
        return port(node, plan.clientPort());
    }

    /** The node's client port, reached directly (probes, set-up): {@code host:port}. */
    public String direct(String node) {
        return host(node) + ":" + clientPort(node);
    }

    /** Where clients reach {@code node}: its client link, {@code host:port}. */
    public String clientLink(String node) {
        return listen.get(LinkTopology.clientProxyName(node));
    }

    /** Where a client beside {@code from} reaches {@code to}: the pair client link, or {@code from}'s own client link. */
    public String clientLink(String from, String to) {
        return from.equals(to) ? clientLink(from) : listen.get(LinkTopology.clientPairProxyName(from, to));
    }

    /**
     * The address {@code from} reaches {@code to} at, on {@code to}'s real peer ports: the host of
     * {@code from}'s own links to {@code to}. Configure peers by this (or by a name that resolves to
     * it in {@code from}'s world), never by {@code to}'s own address.
     */
    public String peerHost(String from, String to) {
        String l = listen.get(LinkTopology.proxyName(from, to, 0));
        return l.substring(0, l.lastIndexOf(':'));
    }
}
