package dev.chaos.nemesis;

import dev.chaos.cluster.LinkPlan;
import dev.chaos.cluster.LinkTopology;
import dev.chaos.fault.Grudge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.proxy.ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Grudges through real proxies: three "nodes" are echo servers; a byte sent through proxy
 * {@code a-to-b-0} reaches b (upstream) and its echo comes back to a (downstream). Which of the two
 * survives tells which directions a fault cut.
 */
class LinkFaultsIT {

    ProxyServer server;
    List<ServerSocket> nodes = new ArrayList<>();
    Map<String, String> listen;
    LinkFaults faults;
    final List<String> names = List.of("n1", "n2", "n3");

    @BeforeEach
    void start() throws IOException {
        server = ProxyServer.start("127.0.0.1:0");
        for (String n : names) {
            ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            nodes.add(s);
            Thread.ofVirtual().start(() -> echoAll(s));
        }
        faults = new LinkFaults(server.apiAddress());
        listen = wire(faults);
    }

    /** Creates the links: every node listens on one loopback port for its peers and its clients; each link on a free port. */
    Map<String, String> wire(LinkFaults f) {
        Map<String, Integer> client = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            client.put(names.get(i), nodes.get(i).getLocalPort());
        }
        return f.create(LinkTopology.of(names, LinkPlan.of(0, List.of(0)), new LinkTopology.Addresses() {
            public String host(String node) {
                return "127.0.0.1";
            }

            public int port(String node, int planned) {
                return client.get(node);
            }

            public String peerListen(String from, String to, int port) {
                return "127.0.0.1:0";
            }

            public String clientListen(String node, int port) {
                return "127.0.0.1:0";
            }
        }));
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        for (ServerSocket s : nodes) {
            s.close();
        }
    }

    static void echoAll(ServerSocket s) {
        while (!s.isClosed()) {
            try {
                Socket c = s.accept();
                Thread.ofVirtual().start(() -> {
                    try (c) {
                        c.getInputStream().transferTo(c.getOutputStream());
                    } catch (IOException ignored) {
                        // closed
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    /** Sends a byte from a to b over a's link; true if the echo came back. */
    boolean echoes(String a, String b) throws IOException {
        String[] hp = listen.get(LinkTopology.proxyName(a, b, 0)).split(":");
        try (Socket s = new Socket(hp[0], Integer.parseInt(hp[1]))) {
            s.setSoTimeout(300);
            s.getOutputStream().write(1);
            InputStream in = s.getInputStream();
            return in.read() == 1;
        } catch (SocketTimeoutException e) {
            return false;
        }
    }

    /**
     * Issue 18: a run's faults outlive its proxy (a fault healer still registered when a JVM exits),
     * and the next run's proxy listens at the same API address (every docker run of this machine
     * gets 10.201.1.2:8474). The stale heal must not lift the next run's partition.
     */
    @Test
    void faultsOfARunWhoseProxyIsGoneLeaveTheNextProxyAtTheSameAddressAlone() throws IOException {
        faults.partition(Grudge.split(Set.of("n3"), Set.of("n1", "n2")));
        String api = server.apiAddress();
        server.close(); // that run is over: its proxy is gone, its faults object is not
        server = ProxyServer.start(api); // the next run's proxy, at the same address
        LinkFaults next = new LinkFaults(api);
        listen = wire(next);
        next.partition(Grudge.split(Set.of("n3"), Set.of("n1", "n2")));
        assertFalse(echoes("n3", "n1") || echoes("n1", "n3"), "the next run's split holds");
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, faults::heal);
        assertTrue(refused.getMessage().contains(api) && refused.getMessage().contains("another proxy"), refused.getMessage());
        assertFalse(echoes("n3", "n1") || echoes("n1", "n3") || echoes("n2", "n3") || echoes("n3", "n2"),
                "the next run's split still holds after the stale heal");
        assertEquals(8, next.leftovers().toxics().size(), "its black holes, both streams of 4 links, are all there: " + next.leftovers());
        next.heal();
        assertTrue(echoes("n3", "n1") && echoes("n1", "n3"), "its own faults heal it");
    }

    @Test
    void aCutLiftedFromOutsideWhileHeldIsNamedAtTheStop() throws Exception {
        List<LinkFaults.Change> changes = faults.partition(Grudge.split(Set.of("n3"), Set.of("n1", "n2")));
        FaultEffect effect = FaultEffect.watch(faults, changes);
        Thread.sleep(FaultEffect.SETTLE_MILLIS + 300);
        server.removeToxic("n1-to-n3-0", "chaos_blackhole_upstream"); // not this run's doing; one stream is enough
        String[] hp = listen.get("n1-to-n3-0").split(":");
        try (Socket s = new Socket(hp[0], Integer.parseInt(hp[1]))) {
            s.getOutputStream().write(1); // crosses upstream; its echo is still dropped downstream
            Thread.sleep(200);
        }
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> links = (Map<String, Map<String, Object>>) ((Map<String, Object>) effect.measure("partition", "drop")
                .value()).get("links");
        assertEquals(false, links.get("n1-to-n3-0").get("fault-on"), links.toString());
        assertTrue(((Number) links.get("n1-to-n3-0").get("forwarded")).longValue() > 0, links.toString());
        assertEquals(true, links.get("n3-to-n1-0").get("fault-on"), links.toString());
        assertEquals(0L, ((Number) links.get("n3-to-n1-0").get("forwarded")).longValue(), links.toString());
    }

    @Test
    void populateCreatesEveryLinkAndClientLink() {
        assertEquals(3 * 2 + 3, listen.size());
        assertTrue(listen.containsKey("n1-to-n2-0") && listen.containsKey("client-to-n3"), listen.keySet().toString());
    }

    @Test
    void cleanSplitCutsEveryLinkBetweenTheSidesAndNoOther() throws IOException {
        List<LinkFaults.Change> changes = faults.partition(Grudge.split(Set.of("n1"), Set.of("n2", "n3")));
        assertEquals(8, changes.size(), "4 links between the sides, both streams each: " + changes);
        assertFalse(echoes("n1", "n2"));
        assertFalse(echoes("n2", "n1"));
        assertFalse(echoes("n1", "n3"));
        assertFalse(echoes("n3", "n1"));
        assertTrue(echoes("n2", "n3"));
        assertTrue(echoes("n3", "n2"));
        faults.heal();
        assertTrue(echoes("n1", "n2") && echoes("n2", "n1") && echoes("n1", "n3"), "healed");
    }

    @Test
    void cutConnectionsStayCutThroughRepeatedSplitsAndHeals() throws IOException {
        for (int round = 0; round < 3; round++) {
            faults.partition(Grudge.split(Set.of("n3"), Set.of("n1", "n2")));
            assertFalse(echoes("n3", "n1") || echoes("n1", "n3") || echoes("n2", "n3") || echoes("n3", "n2"), "round " + round);
            assertTrue(echoes("n1", "n2") && echoes("n2", "n1"), "round " + round);
            faults.heal();
            assertTrue(echoes("n3", "n1") && echoes("n1", "n3"), "healed, round " + round);
        }
    }

    @Test
    void oneWayCutsOnlyThatDirection() throws IOException {
        // n2 stops hearing n1: n1's bytes to n2 vanish, n2's bytes to n1 still arrive
        List<LinkFaults.Change> changes = faults.partition(Grudge.oneWay("n1", "n2"));
        assertEquals(List.of(new LinkFaults.Change("n1-to-n2-0", "black-hole", "upstream"),
                new LinkFaults.Change("n2-to-n1-0", "black-hole", "downstream")), changes);
        assertFalse(echoes("n1", "n2"), "n1's byte never reaches n2");
        assertFalse(echoes("n2", "n1"), "n2's byte reaches n1, but n1's echo back to n2 is lost");
        assertTrue(echoes("n1", "n3") && echoes("n3", "n2"), "other links untouched");
    }

    /** Round-trip time of one byte from a to b, in ms, or -1 when it never came back. */
    long echoMillis(String a, String b) throws IOException {
        long t0 = System.nanoTime();
        return echoes(a, b) ? (System.nanoTime() - t0) / 1_000_000 : -1;
    }

    @Test
    void aPartitionAndASlowdownHealIndependently() throws IOException {
        faults.degrade(Duration.ofMillis(100), null, null);
        faults.partition(Grudge.split(Set.of("n1"), Set.of("n2", "n3")));
        assertFalse(echoes("n1", "n2"), "cut");
        assertTrue(echoMillis("n2", "n3") >= 190, "slow: 100 ms each way");

        faults.healPartition();
        long rtt = echoMillis("n1", "n2");
        assertTrue(rtt >= 190, "the partition healed, the slowdown stays: " + rtt + " ms");

        faults.partition(Grudge.split(Set.of("n1"), Set.of("n2", "n3")));
        faults.healDegrade();
        assertFalse(echoes("n1", "n2"), "the slowdown healed, the partition stays");
        rtt = echoMillis("n2", "n3");
        assertTrue(rtt >= 0 && rtt < 90, "no latency left: " + rtt + " ms");
        faults.heal();
        assertTrue(echoes("n1", "n2"), "healed");
    }
    /** How a connection from a to b over a's link ends when a byte is sent: "echo", "silence" or "reset" (an error or end of stream at once). */
    String outcome(String a, String b) throws IOException {
        String[] hp = listen.get(LinkTopology.proxyName(a, b, 0)).split(":");
        try (Socket s = new Socket(hp[0], Integer.parseInt(hp[1]))) {
            s.setSoTimeout(300);
            s.getOutputStream().write(1);
            return s.getInputStream().read() == 1 ? "echo" : "reset";
        } catch (SocketTimeoutException e) {
            return "silence";
        } catch (java.net.SocketException e) {
            return "reset";
        }
    }

    @Test
    void rejectResetsLiveAndNewConnectionsBetweenTheSidesCountsThemAndHealsCleanly() throws IOException {
        String[] hp = listen.get("n1-to-n2-0").split(":");
        try (Socket live = new Socket(hp[0], Integer.parseInt(hp[1]))) {
            live.setSoTimeout(2000);
            live.getOutputStream().write(7);
            assertEquals(7, live.getInputStream().read(), "live before the fault");

            List<LinkFaults.Change> changes = faults.reject(Grudge.split(Set.of("n1"), Set.of("n2", "n3")));
            assertEquals(4, changes.size(), "every proxy between the sides, whole: " + changes);
            int after;
            try {
                after = live.getInputStream().read();
            } catch (java.net.SocketException reset) {
                after = -1;
            }
            assertEquals(-1, after, "the live connection was reset, not left hanging");
        }
        assertEquals("reset", outcome("n1", "n2"));
        assertEquals("reset", outcome("n3", "n1"));
        assertEquals("echo", outcome("n2", "n3"), "links within a side untouched");
        LinkCounters c = faults.counters().get("n1-to-n2-0");
        assertTrue(c.resets() >= 2, "the live and the new connection counted as reset: " + c);
        assertEquals(0, c.droppedUp() + c.droppedDown(), "reject drops nothing, it resets");

        faults.healPartition();
        assertEquals("echo", outcome("n1", "n2"));
        assertEquals("echo", outcome("n3", "n1"));
        assertEquals(new LinkFaults.Leftovers(List.of(), List.of()), faults.leftovers());
    }

    @Test
    void aBlackHoleCountsWhatItDropsAndForwardsNothing() throws IOException {
        LinkCounters before = faults.counters().get("n1-to-n2-0");
        faults.partition(Grudge.split(Set.of("n1"), Set.of("n2", "n3")));
        assertEquals("silence", outcome("n1", "n2"));
        LinkCounters d = faults.counters().get("n1-to-n2-0").since(before);
        assertEquals(0, d.forwarded(), "nothing through the cut: " + d);
        assertEquals(1, d.droppedUp(), "the one byte sent, dropped upstream: " + d);
        faults.heal();
        assertEquals("echo", outcome("n1", "n2"));
    }
}
