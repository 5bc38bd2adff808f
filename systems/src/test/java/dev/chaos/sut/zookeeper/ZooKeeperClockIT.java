package dev.chaos.sut.zookeeper;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.chaos.backend.docker.Docker;
import dev.chaos.backend.docker.DockerBackend;
import dev.chaos.backend.local.LocalBackend;
import dev.chaos.cluster.Backend;
import dev.chaos.cluster.ClockControl;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.FakeClock;
import dev.chaos.cluster.Lab;
import dev.chaos.cluster.Leader;
import dev.chaos.cluster.TargetContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.zookeeper.CreateMode;
import org.apache.zookeeper.ZooDefs;
import org.apache.zookeeper.data.Stat;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real ZooKeeper server sees the clock offset the lab sets for it, and real time again after the
 * reset, on both backends. What it sees is read from ZooKeeper itself: a znode's mtime is the
 * leader's wall clock when it stamped the write, so with every node set off by its own offset the
 * mtime says which clock stamped it and by how much it was off.
 */
class ZooKeeperClockIT {

    private static final List<String> NODES = List.of("n1", "n2", "n3");
    /** Each node's offset: an hour apart, so no scheduling delay can blur whose clock stamped a write. */
    private static final Map<String, Duration> OFFSETS = Map.of("n1", Duration.ofHours(-1), "n2", Duration.ofHours(-2),
            "n3", Duration.ofHours(1));
    /** How far a stamp may be from the expected time: the write's own latency on a loaded machine. */
    private static final long SLACK_MS = 15_000;

    @Test
    void aLocalServerStampsWritesWithItsOwnOffsetAndRealTimeAfterTheReset(@TempDir Path tmp) throws Exception {
        if (FakeClock.localLibrary() == null) {
            if ("true".equals(System.getenv("CI"))) {
                fail("libfaketime is not installed, and this is CI: .ci/run runs .ci/install-faketime.sh");
            }
            Assumptions.abort("libfaketime is not installed: " + FakeClock.INSTALL_HINT);
        }
        stampsFollowTheLeadersClock(new LocalBackend(), tmp);
    }

    @Test
    void aDockerServerStampsWritesWithItsOwnOffset(@TempDir Path tmp) throws Exception {
        if (!Docker.available()) {
            if ("1".equals(System.getenv("CHAOS_REQUIRE_DOCKER"))) {
                fail("no Docker engine answers, and CHAOS_REQUIRE_DOCKER=1: run docker/bootstrap.sh first");
            }
            Assumptions.abort("no Docker engine; docker/bootstrap.sh installs and starts one");
        }
        stampsFollowTheLeadersClock(new DockerBackend(), tmp);
    }

    private static void stampsFollowTheLeadersClock(Backend backend, Path tmp) throws Exception {
        String id = "it-clock-" + ProcessHandle.current().pid() + "-" + backend.name();
        try (Lab lab = backend.open(NODES, tmp, id, s -> { })) {
            try {
                lab.controlClocks();
                stampsFollowTheLeadersClock(lab, tmp);
            } finally {
                lab.collectLogs(tmp.resolve("nodes")); // kept where the test keeps its temporary directory
            }
        }
    }

    private static void stampsFollowTheLeadersClock(Lab lab, Path tmp) throws Exception {
        try (Cluster c = new ZooKeeperTarget().start(new TargetContext(NODES, tmp, lab, true, Duration.ofSeconds(90), s -> { }));
             ZooKeeperClient client = new ZooKeeperClient(c.describe(NODES.get(0)).get("ADDRESS"), ZooKeeperEnsemble.SESSION_TIMEOUT_MS,
                     false, false)) {
            ClockControl clocks = (ClockControl) c;
            assertNear(System.currentTimeMillis(), stamp(client, "/clock-before"), "before any offset");
            for (String n : NODES) {
                clocks.setClockOffset(n, OFFSETS.get(n));
            }
            Thread.sleep(FakeClock.TAKES_EFFECT_WITHIN.toMillis() + 500);
            for (String n : NODES) {
                Long seen = lab.clockOffsetSeen(n);
                assertTrue(seen != null && Math.abs(seen - OFFSETS.get(n).toMillis()) < SLACK_MS,
                        n + ": a process in its environment sees " + seen + " ms, set " + OFFSETS.get(n).toMillis());
            }
            long skewed = stamp(client, "/clock-skewed");
            String leader = ((Leader) c).leader();
            assertNear(System.currentTimeMillis() + OFFSETS.get(leader).toMillis(), skewed,
                    "stamped by the leader " + leader + ", " + OFFSETS.get(leader).toSeconds() + " s off");
            for (String n : NODES) {
                clocks.setClockOffset(n, Duration.ZERO);
            }
            Thread.sleep(FakeClock.TAKES_EFFECT_WITHIN.toMillis() + 500);
            assertNear(System.currentTimeMillis(), stamp(client, "/clock-after"), "after the reset");
        }
    }

    /** Creates {@code path} and returns its mtime: the stamping leader's wall clock, in ms. */
    private static long stamp(ZooKeeperClient client, String path) throws Exception {
        client.handle().create(path, new byte[0], ZooDefs.Ids.OPEN_ACL_UNSAFE, CreateMode.PERSISTENT);
        Stat st = client.handle().exists(path, false);
        return st.getMtime();
    }

    private static void assertNear(long expected, long actual, String what) {
        assertTrue(Math.abs(expected - actual) <= SLACK_MS, what + ": expected about " + expected + ", the znode says " + actual
                + " (" + (actual - expected) / 1000 + " s apart)");
    }
}
