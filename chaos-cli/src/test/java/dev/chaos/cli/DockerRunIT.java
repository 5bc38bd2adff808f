package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.backend.docker.Docker;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.io.HistoryFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole runs on the docker backend against real etcd, Redis + Sentinel and ZooKeeper containers.
 * They need a Docker engine and the project's images ({@code docker/bootstrap.sh}); without them they
 * are skipped, unless {@code CHAOS_REQUIRE_DOCKER=1} (set by {@code .ci/run}) makes that a failure.
 */
class DockerRunIT {

    @BeforeAll
    static void docker() {
        DockerAssumptions.requireDocker();
    }


    @Test
    void etcdCleanSplitIsValidWithNothingLostAndLeavesNoContainers(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve(CliRun.unique("etcd"));
        int exit = CliRun.chaos("run", "clean-split", "--backend", "docker", "--target", "etcd", "--nodes", "3", "--duration", "20s",
                "--nemesis-interval", "5s", "--rate", "50", "--seed", "3", "--out", dir.toString()).exit();
        assertEquals(0, exit);
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0, results.at("/checkers/set/lost-count").asInt());
        assertTrue(results.at("/checkers/set/acknowledged").asInt() > 100, results.toString());
        assertTrue(results.at("/checkers/convergence/converged").asBoolean());
        String log = Files.readString(dir.resolve("run.log"));
        assertTrue(log.contains("(chaos/etcd:0.1.0)") && log.contains("(chaos/proxy:0.1.0)"), "image names in run.log");
        for (String n : List.of("n1", "n2", "n3")) {
            assertTrue(Files.size(dir.resolve("nodes/" + n + ".log")) > 0, "log of " + n + " collected");
        }
        assertNoLeftovers(dir);
    }

    /**
     * Jepsen's Redis finding, reproduced: the primary is cut off, Sentinel promotes a replica on the
     * majority side, clients beside the old primary keep writing to it, and at the heal the old
     * primary becomes a replica and discards those writes. The set checker must report them lost,
     * and every lost element must be one acknowledged by the isolated primary during the partition
     * (or just before it, while asynchronous replication still had it in flight).
     */
    @Test
    void redisSentinelFailoverLosesAcknowledgedWritesAndTheCheckerNamesThem(@TempDir Path tmp) throws Exception {
        Path dir = Path.of("target", "docker-it").toAbsolutePath().resolve(CliRun.unique("redis")); // kept: CI artifact
        int exit = CliRun.chaos("run", "isolate-leader", "--backend", "docker", "--target", "redis", "--nodes", "3", "--duration", "40s",
                "--nemesis-interval", "15s", "--rate", "60", "--seed", "5", "--out", dir.toString()).exit();
        assertEquals(1, exit, "invalid: writes were lost");
        JsonNode set = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).at("/checkers/set");
        assertTrue(set.get("lost-count").asInt() > 0, set.toString());
        History h = HistoryFiles.read(dir.resolve("history.jsonl")).history();
        Op start = h.ops().stream().filter(o -> o.f().equals("start-partition")).findFirst().orElseThrow();
        @SuppressWarnings("unchecked")
        Map<String, List<String>> grudge = (Map<String, List<String>>) start.value();
        String isolated = grudge.entrySet().stream().filter(e -> e.getValue().size() == 2).map(Map.Entry::getKey).findFirst()
                .orElseThrow();
        Map<Long, Op> addInvokes = new HashMap<>();
        Map<Long, Op> addAcks = new HashMap<>();
        for (Op o : h.ops()) {
            if (o.f().equals("add") && (o.isInvoke() || o.isOk())) {
                (o.isInvoke() ? addInvokes : addAcks).put(((Number) o.value()).longValue(), o);
            }
        }
        for (JsonNode e : set.get("lost")) {
            Op add = addInvokes.get(e.asLong());
            assertEquals(isolated, add.node(), "lost element " + e + " was written through the isolated primary's side");
            // acknowledged during the partition, or just before it while its replication was still in flight
            assertTrue(addAcks.get(e.asLong()).time() > start.time() - 1_000_000_000L,
                    "lost element " + e + " was acknowledged during the partition or within 1 s before it");
        }
        assertNoLeftovers(dir);
    }

    @Test
    void zookeeperOnDockerRunsTheSameWorkload(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve(CliRun.unique("zk"));
        int exit = CliRun.chaos("run", "clean-split", "--backend", "docker", "--target", "zookeeper", "--nodes", "3", "--duration", "20s",
                "--nemesis-interval", "5s", "--rate", "50", "--seed", "9", "--out", dir.toString()).exit();
        assertEquals(0, exit);
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0, results.at("/checkers/set/lost-count").asInt());
        assertTrue(Files.readString(dir.resolve("history.jsonl")).contains("\"f\":\"start-partition\""));
        assertNoLeftovers(dir);
    }

    /** No container or network of this run (its names start with chaos-<run dir name>-) is left. */
    static void assertNoLeftovers(Path dir) {
        CliRun.assertNoDockerLeftovers(dir);
        assertTrue(Files.exists(dir.resolve("run.log")) && readUnchecked(dir.resolve("run.log")).contains("docker: removed"),
                "run.log records the removal");
    }

    private static String readUnchecked(Path p) {
        try {
            return Files.readString(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
