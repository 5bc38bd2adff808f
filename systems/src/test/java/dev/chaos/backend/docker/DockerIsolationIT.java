package dev.chaos.backend.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chaos.fault.Grudge;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.TargetContext;
import dev.chaos.sut.etcd.EtcdTarget;
import java.time.Duration;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The docker wiring gives nodes no path to each other but their proxies: from inside each etcd
 * member's container, every peer is reachable by name through its link, no peer is reachable at its
 * own address, and with every link black-holed or disabled no request reaches any peer.
 */
class DockerIsolationIT {

    private static final List<String> NODES = List.of("n1", "n2", "n3");

    @Test
    void nodesReachPeersOnlyThroughTheirProxies(@TempDir Path tmp) throws Exception {
        if (!Docker.available()) {
            if ("1".equals(System.getenv("CHAOS_REQUIRE_DOCKER"))) {
                fail("no Docker engine answers, and CHAOS_REQUIRE_DOCKER=1: run docker/bootstrap.sh first");
            }
            Assumptions.abort("no Docker engine; docker/bootstrap.sh installs and starts one");
        }
        try (DockerLab lab = DockerLab.create(NODES, "it-isolation-" + ProcessHandle.current().pid(), s -> { })) {
            try (Cluster etcd = new EtcdTarget().start(new TargetContext(NODES, tmp, lab, true, Duration.ofSeconds(60), s -> { }))) {
                LinkFaults links = lab.links();
                for (String from : NODES) {
                    for (String to : NODES) {
                        if (!from.equals(to)) {
                            assertEquals("200", httpCode(lab, from, "http://" + to + ":2380/version"),
                                    from + " reaches " + to + " by name, through its link");
                            assertEquals("000", httpCode(lab, from, "http://" + lab.nodeAddress(to) + ":2380/version"),
                                    from + " has no route to " + to + "'s own address");
                        }
                    }
                }
                Map<String, Set<String>> everyone = new TreeMap<>();
                for (String n : NODES) {
                    Set<String> others = new TreeSet<>(NODES);
                    others.remove(n);
                    everyone.put(n, others);
                }
                links.partition(new Grudge(everyone));
                for (String from : NODES) {
                    for (String to : NODES) {
                        if (!from.equals(to)) {
                            assertEquals("000", httpCode(lab, from, "http://" + to + ":2380/version"),
                                    from + " gets no answer from " + to + " through a black hole");
                        }
                    }
                }
                links.heal();
                String[] api = lab.proxyApi().split(":");
                ToxiproxyClient toxiproxy = new ToxiproxyClient(api[0], Integer.parseInt(api[1]));
                for (Proxy p : toxiproxy.getProxies()) {
                    p.disable();
                }
                for (String from : NODES) {
                    for (String to : NODES) {
                        if (!from.equals(to)) {
                            DockerLab.ExecResult r = lab.execIn(from, List.of("curl", "-s", "-m", "2", "http://" + to + ":2380/version"));
                            assertEquals(7, r.exitCode(), from + " cannot open a TCP connection to " + to + " (curl: couldn't connect)");
                        }
                    }
                }
                toxiproxy.reset();
                long deadline = System.nanoTime() + 30_000_000_000L;
                while (((Leader) etcd).leader() == null && System.nanoTime() < deadline) {
                    Thread.sleep(200);
                }
                assertNotEquals(null, ((Leader) etcd).leader(), "the cluster elects a leader again once the links are restored");
            }
        }
    }

    private static String httpCode(DockerLab lab, String node, String url) throws InterruptedException {
        return lab.execIn(node, List.of("curl", "-s", "-m", "2", "-o", "/dev/null", "-w", "%{http_code}", url)).output().trim();
    }
}
