package com.example.chaos;

import static java.util.stream.Collectors.joining;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.api.ChaosResult;
import dev.chaos.api.ImageTarget;
import dev.chaos.api.SetClient;
import dev.chaos.junit.ChaosRunner;
import dev.chaos.junit.ChaosTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A target defined in the test itself, as a Testcontainers user would define a container: etcd
 * members from the image chaos/etcd:0.1.0 (docker backend; build it with docker/bootstrap.sh),
 * their ports, each member's command line and environment, when a member is ready, and our own set
 * client. Then the same target with a
 * client that acknowledges writes it drops: chaos must fail the test and name them.
 */
class OwnEtcdTargetTest {

    static ImageTarget etcd(SetClient.Factory clients) {
        return ImageTarget.of("chaos/etcd:0.1.0")
                .named("our-etcd")
                .withClientPort(2379)
                .withPeerPorts(2380)
                .withCommand(node -> List.of(
                        "--name", node.name(),
                        "--data-dir", "/var/lib/chaos-etcd",
                        "--listen-peer-urls", "http://0.0.0.0:2380",
                        "--listen-client-urls", "http://0.0.0.0:2379",
                        "--advertise-client-urls", "http://" + node.name() + ":2379",
                        "--initial-advertise-peer-urls", "http://" + node.name() + ":2380",
                        "--initial-cluster", node.nodes().stream().map(n -> n + "=http://" + n + ":2380").collect(joining(",")),
                        "--initial-cluster-state", "new"))
                .withEnv("ETCD_HEARTBEAT_INTERVAL", "100")     // etcd reads any flag from ETCD_<FLAG> too
                .withEnv("ETCD_ELECTION_TIMEOUT", "1000")
                .waitingFor((node, address) -> EtcdSetClient.healthy(address))
                .withSetClient(clients);
    }

    @ChaosTest
    void cleanSplitOnOurOwnTargetLosesNothing(ChaosRunner chaos) {
        ChaosResult r = chaos.scenario("clean-split").target(etcd(EtcdSetClient::new))
                .nodes(3).duration(Duration.ofSeconds(30)).seed(42).run();

        r.assertValid();
        assertEquals(List.of(), r.lostElements());
        assertTrue(r.slo().stream().anyMatch(f -> f.name().equals("failover-max") && f.met() && f.measured() != null), r.slo()::toString);
        assertTrue(r.runDir().startsWith(Path.of("target", "chaos-runs").toAbsolutePath())
                || r.runDir().toAbsolutePath().toString().contains("/target/chaos-runs/"), r.runDir()::toString);
    }

    @ChaosTest
    void aClientThatAcksButDropsWritesFailsNamingTheLostElements(ChaosRunner chaos) {
        Set<Long> dropped = ConcurrentHashMap.newKeySet();
        ChaosResult r = chaos.scenario("clean-split")
                .target(etcd(address -> new LossySetClient(new EtcdSetClient(address), dropped)))
                .nodes(3).duration(Duration.ofSeconds(20)).seed(42).run();

        AssertionError failure = assertThrows(AssertionError.class, r::assertValid);
        System.out.println("the lossy client's failure, as a test report shows it:\n" + failure.getMessage());
        assertFalse(dropped.isEmpty(), "the lossy client dropped some writes");
        assertEquals(new TreeSet<Object>(dropped), new TreeSet<>(r.lostElements()), "exactly the dropped writes are lost");
        List<Long> firstDropped = new TreeSet<>(dropped).stream().limit(5).toList();
        String listed = firstDropped.toString();
        assertTrue(failure.getMessage().contains("lost: " + dropped.size() + " acknowledged writes missing from every final read: "
                + listed.substring(0, listed.length() - 1)), failure.getMessage());
    }
}
