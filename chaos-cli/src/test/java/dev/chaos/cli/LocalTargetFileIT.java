package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A target file on the local backend, for real: docs/targets/redis-local.yaml runs Debian's
 * redis-server as processes of this machine, a primary and replicas, each replication stream
 * through its own link; a clean split holds (the proxy drops what crosses it), nothing acknowledged
 * is lost, the replicas converge, and no node process outlives the run, whether it passed or its
 * nodes never became ready.
 */
class LocalTargetFileIT {

    private static final Path REDIS = Path.of("../docs/targets/redis-local.yaml");

    @BeforeAll
    static void redis() {
        if (onPath("redis-server") && onPath("redis-cli")) {
            return;
        }
        if ("1".equals(System.getenv("CHAOS_REQUIRE_LOCAL_TARGETS"))) {
            fail("redis-server or redis-cli is not installed, and CHAOS_REQUIRE_LOCAL_TARGETS=1: run .ci/install-local-targets.sh");
        }
        Assumptions.abort("redis-server and redis-cli are not installed; .ci/install-local-targets.sh installs them");
    }

    private static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":"))
                .anyMatch(d -> Files.isExecutable(Path.of(d.isEmpty() ? "." : d, program)));
    }


    @Test
    void redisFromATargetFileSurvivesACleanSplitOnLocalWithNothingLostAndNothingLeft(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("redis-local");
        // held 8 s: replication pings and acks cross each cut link every second, even on a loaded machine
        CliRun.Ran r = CliRun.chaos("run", "clean-split", "--target", REDIS.toString(), "--nodes", "3", "--duration", "20s",
                "--nemesis-interval", "8s", "--rate", "20", "--seed", "3", "--out", dir.toString());
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("(local)") && r.out().contains(": leader n1"), "local processes, n1 the primary: " + r.out());
        JsonNode results = new ObjectMapper().readTree(dir.resolve("results.json").toFile());
        assertEquals(0, results.at("/checkers/set/lost-count").asInt(), results.toString());
        assertTrue(results.at("/checkers/set/acknowledged").asInt() > 50, results.toString());
        assertTrue(results.at("/checkers/convergence/converged").asBoolean(), results.toString());
        JsonNode partition = results.at("/checkers/fault-effect/faults/0");
        assertEquals("partition", partition.path("fault").asText(), results.at("/checkers/fault-effect").toString());
        assertTrue(partition.path("links-cut").asInt() >= 2 && partition.path("forwarded").asLong() == 0
                && partition.path("dropped").asLong() > 0, "the split cut replication links and dropped what crossed them: " + partition);
        assertTrue(Files.readString(dir.resolve("nodes/n2.log")).contains("MASTER <-> REPLICA sync"), "n2 replicated n1");
        assertNoNodesLeft(dir);
    }

    @Test
    void nodesThatNeverBecomeReadyFailTheRunAndAreAllStopped(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("never-ready.yaml");
        String text = Files.readString(REDIS);
        int ready = text.indexOf("ready:");
        int leader = text.indexOf("leader:");
        Files.writeString(file, text.substring(0, ready) + "ready: {command: [\"false\"], timeout: 3s}\n\n" + text.substring(leader)
                .replace("name: redis-local", "name: never-ready"));
        Path dir = tmp.resolve("never-ready");
        CliRun.Ran r = CliRun.chaos("run", "clean-split", "--target", file.toString(), "--nodes", "3", "--duration", "10s", "--out", dir.toString());
        assertEquals(255, r.exit(), r.err());
        assertTrue(r.err().contains("ready: n1 was not ready within 3000 ms (ready.timeout)"), r.err());
        assertNoNodesLeft(dir);
    }

    /**
     * No process on this machine is left of the run: none carries this JVM as its owner (the node's
     * group leader has it in its arguments, its children in their environment, unless they rewrite it
     * as redis-server does) and none works in the run directory (redis-server's is its data directory).
     */
    static void assertNoNodesLeft(Path runDir) throws Exception {
        String mark = "CHAOS_OWNER=" + ProcessHandle.current().pid();
        String flag = "-Ddev.chaos.owner=" + ProcessHandle.current().pid();
        Path dir = runDir.toAbsolutePath().normalize();
        List<String> left = new ArrayList<>();
        long deadline = System.nanoTime() + 5_000_000_000L;
        do {
            left.clear();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                for (Path p : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                    try {
                        List<String> env = List.of(new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8).split("\0"));
                        List<String> args = List.of(new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8).split("\0"));
                        Path cwd = Files.readSymbolicLink(p.resolve("cwd"));
                        if (env.contains(mark) || args.contains(flag) || cwd.startsWith(dir)) {
                            left.add(p.getFileName() + " " + String.join(" ", args) + " (in " + cwd + ")");
                        }
                    } catch (java.io.IOException | SecurityException gone) {
                        // exited while we looked
                    }
                }
            }
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(200);
        } while (System.nanoTime() < deadline);
        fail("node processes left behind: " + left);
    }
}
