package dev.chaos.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Given a plan and a backend's addresses, the links are every ordered pair per peer port, and one client link per node. */
class LinkTopologyTest {

    private static final List<String> NODES = List.of("n1", "n2", "n3");

    /** Containers: an address per node, the plan's ports as they are, links on pair addresses. */
    private static final LinkTopology.Addresses DOCKER_LIKE = new LinkTopology.Addresses() {
        public String host(String node) {
            return "10.0." + node.substring(1) + ".10";
        }

        public int port(String node, int planned) {
            return planned;
        }

        public String peerListen(String from, String to, int port) {
            return "10.0." + from.substring(1) + "." + (100 + Integer.parseInt(to.substring(1))) + ":" + port;
        }

        public String clientListen(String node, int port) {
            return "10.0." + node.substring(1) + ".2:" + port;
        }
    };

    @Test
    void everyOrderedPairGetsALinkPerPeerPortAndEveryNodeAClientLink() {
        LinkTopology t = LinkTopology.of(NODES, LinkPlan.of(2181, List.of(2888, 3888)), DOCKER_LIKE);
        assertEquals(3 * 2 * 2, t.peerLinks().size());
        assertEquals(3, t.clientLinks().size());
        LinkSpec l = byName(t.peerLinks()).get("n2-to-n3-1");
        assertEquals(new LinkSpec("n2-to-n3-1", "n2", "n3", 1, "10.0.3.10:3888", "10.0.2.103:3888"), l,
                "n2 reaches n3's election port only at its own pair address");
        assertEquals(new LinkSpec("client-to-n1", "client", "n1", -1, "10.0.1.10:2181", "10.0.1.2:2181"),
                byName(t.clientLinks()).get("client-to-n1"));
        Set<String> listens = t.peerLinks().stream().map(LinkSpec::listen).collect(Collectors.toSet());
        assertEquals(t.peerLinks().size(), listens.size(), "no two links listen at one address");
        assertTrue(t.peerLinks().stream().noneMatch(x -> x.from().equals(x.to())), "no node links to itself");
    }

    @Test
    void aPeerPortThatIsAlsoTheClientPortAndPairClientLinksAreSeparateLinks() {
        // Redis: replicas replicate over the client port; clients beside node i reach any server j
        LinkTopology t = LinkTopology.of(NODES, LinkPlan.of(6379, List.of(6379, 26379)).withClientPairLinks(16379), DOCKER_LIKE);
        Map<String, LinkSpec> peer = byName(t.peerLinks());
        assertEquals("10.0.1.102:6379", peer.get("n1-to-n2-0").listen(), "replication n1 -> n2");
        assertEquals("10.0.1.102:26379", peer.get("n1-to-n2-1").listen(), "sentinel n1 -> n2");
        LinkSpec client = peer.get("client-n1-to-n2");
        assertEquals(new LinkSpec("client-n1-to-n2", "n1", "n2", -1, "10.0.2.10:6379", "10.0.1.102:16379"), client,
                "a client beside n1 reaches n2 through a link a grudge between n1 and n2 cuts");
        assertEquals(3 * 2 * 3, t.peerLinks().size());
    }

    private static Map<String, LinkSpec> byName(List<LinkSpec> links) {
        return links.stream().collect(Collectors.toMap(LinkSpec::name, x -> x));
    }
}
