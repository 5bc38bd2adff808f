package dev.chaos.nemesis;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Which proxies a cluster's links need: one per ordered pair of nodes and per peer port, and one per
 * node for clients. Node i reaches node j only through {@code proxyName(i, j, port)}.
 *
 * <p>Names: {@code n1-to-n2-2888} and {@code client-to-n1}. (DESIGN.md writes {@code n1->n2:2888};
 * toxiproxy-java puts names into URL paths unescaped and {@code >} is not legal there, so the real
 * Toxiproxy could not be driven with those names.)
 *
 * @param nodes     node names in order
 * @param peerPorts for each node, its real peer ports by role (e.g. quorum, election), in one order
 * @param clientPorts for each node, its real client port
 * @param host      where the nodes listen (loopback for the local backend)
 * @param pairAddresses whether each peer link listens on an address of its own pair, at the port of
 *                  the node it leads to: link i→j on {@code 127.0.i.j}, so that node i can name
 *                  every peer by a host name that resolves, for node i only, to its own link. A
 *                  target whose nodes tell each other their own addresses (ZooKeeper does, in its
 *                  election handshake) then still reaches them only through the links. Otherwise
 *                  links listen on any free port of {@code host}.
 */
public record LinkTopology(List<String> nodes, Map<String, List<Integer>> peerPorts, Map<String, Integer> clientPorts,
                           String host, boolean pairAddresses) {

    /** The address link {@code from → to} listens on when {@link #pairAddresses} is set: {@code 127.0.i.j}. */
    public String pairHost(String from, String to) {
        return "127.0." + (nodes.indexOf(from) + 1) + "." + (nodes.indexOf(to) + 1);
    }

    public static String proxyName(String from, String to, int role) {
        return from + "-to-" + to + "-" + role;
    }

    public static String clientProxyName(String node) {
        return "client-to-" + node;
    }

    /** One link: a proxy name, where it listens, and the real address it forwards to. */
    public record LinkSpec(String name, String from, String to, int role, String upstream, String listen) {
    }

    /**
     * Every peer link. {@code role} is the index of the peer port in {@link #peerPorts} (0 = quorum,
     * 1 = election for ZooKeeper); it names the proxy so names stay stable whatever ports are used.
     */
    public List<LinkSpec> peerLinks() {
        List<LinkSpec> out = new ArrayList<>();
        for (String from : nodes) {
            for (String to : nodes) {
                if (from.equals(to)) {
                    continue;
                }
                List<Integer> ports = peerPorts.get(to);
                for (int role = 0; role < ports.size(); role++) {
                    String listen = pairAddresses ? pairHost(from, to) + ":" + ports.get(role) : host + ":0";
                    out.add(new LinkSpec(proxyName(from, to, role), from, to, role, host + ":" + ports.get(role), listen));
                }
            }
        }
        return out;
    }

    public List<LinkSpec> clientLinks() {
        List<LinkSpec> out = new ArrayList<>();
        for (String n : nodes) {
            out.add(new LinkSpec(clientProxyName(n), "client", n, -1, host + ":" + clientPorts.get(n), host + ":0"));
        }
        return out;
    }
}
