package dev.chaos.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * Every link of one cluster, enumerated here and nowhere else: node i reaches node j's peer port
 * {@code role} only through {@code proxyName(i, j, role)}, clients reach node i through
 * {@code clientProxyName(i)}. A backend supplies the addresses ({@link Addresses}), so the same
 * enumeration serves loopback processes and containers.
 *
 * <p>Names: {@code n1-to-n2-0} and {@code client-to-n1}. (DESIGN.md writes {@code n1->n2:2888};
 * toxiproxy-java puts names into URL paths unescaped and {@code >} is not legal there, so the real
 * Toxiproxy could not be driven with those names.)
 */
public record LinkTopology(List<String> nodes, List<LinkSpec> peerLinks, List<LinkSpec> clientLinks) {

    /** Where a backend puts nodes and links. */
    public interface Addresses {

        /** The node's own address (where probes reach it directly). */
        String host(String node);

        /** The real port of {@code node} for the plan's port {@code planned}. */
        int port(String node, int planned);

        /** Where the link {@code from → to} to {@code to}'s real port {@code port} listens. */
        String peerListen(String from, String to, int port);

        /** Where node {@code node}'s client link listens. */
        String clientListen(String node, int port);
    }

    public static LinkTopology of(List<String> nodes, LinkPlan plan, Addresses at) {
        List<LinkSpec> peer = new ArrayList<>();
        List<LinkSpec> client = new ArrayList<>();
        for (String from : nodes) {
            for (String to : nodes) {
                if (from.equals(to)) {
                    continue;
                }
                for (int role = 0; role < plan.peerPorts().size(); role++) {
                    int port = at.port(to, plan.peerPorts().get(role));
                    peer.add(new LinkSpec(proxyName(from, to, role), from, to, role, at.host(to) + ":" + port,
                            at.peerListen(from, to, port)));
                }
                if (plan.clientPairPort() != null) {
                    // a client beside `from` talking to `to`: cut by a grudge between them like the peer links
                    String listen = at.peerListen(from, to, plan.clientPairPort());
                    peer.add(new LinkSpec(clientPairProxyName(from, to), from, to, -1,
                            at.host(to) + ":" + at.port(to, plan.clientPort()), listen));
                }
            }
            int port = at.port(from, plan.clientPort());
            client.add(new LinkSpec(clientProxyName(from), "client", from, -1, at.host(from) + ":" + port, at.clientListen(from, port)));
        }
        return new LinkTopology(List.copyOf(nodes), List.copyOf(peer), List.copyOf(client));
    }

    public static String proxyName(String from, String to, int role) {
        return from + "-to-" + to + "-" + role;
    }

    public static String clientProxyName(String node) {
        return "client-to-" + node;
    }

    public static String clientPairProxyName(String from, String to) {
        return "client-" + from + "-to-" + to;
    }
}
