package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos targets} lists what ServiceLoader finds (the built-ins and the test-scoped
 * {@code forwarding} target), and {@code chaos run} judges a target by what it is: its backends,
 * its workloads and its cluster's capabilities, before anything starts.
 */
class TargetsCommandTest {

    @TempDir
    Path tmp;

    private record Ran(int exit, String out, String err) {
    }

    private static Ran chaos(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Ran(exit, out.toString(), err.toString());
    }

    @Test
    void listsEveryTargetFoundWithItsBackendsWorkloadsAndCapabilities() {
        Ran r = chaos("targets");
        assertEquals(0, r.exit(), r.err());
        String out = r.out();
        assertTrue(out.contains("zookeeper  Apache ZooKeeper"), out);
        assertTrue(out.contains("  backends:  local, docker   (default local)"), out);
        assertTrue(out.contains("  on local: leader, kill, pause, stop-start, wipe, health"), out);
        assertTrue(out.contains("etcd  ") && out.contains("redis  "), out);
        // the test-scoped target: one class and one services line, found like the built-ins
        int forwarding = out.indexOf("forwarding  ");
        assertTrue(forwarding >= 0, out);
        String block = out.substring(forwarding, out.indexOf("\n\n", forwarding));
        assertTrue(block.contains("backends:  local   (default local)"), block);
        assertTrue(block.contains("workloads: set"), block);
        assertTrue(block.contains("on local: leader\n"), block);
        assertTrue(block.contains("provider:  dev.chaos.pipeline.ForwardingTarget"), block);
        assertTrue(out.contains("backends:\n  docker  ") && out.contains("\n  local  "), out);
    }

    @Test
    void aScenarioNeedingWhatTheTargetIsNotIsRefusedUpFront() {
        Path out = tmp.resolve("run");
        Ran r = chaos("run", "kill-restart", "--target", "forwarding", "--out", out.toString());
        assertEquals(254, r.exit(), r.err());
        assertTrue(r.err().contains("scenario 'kill-restart' uses fault 'kill', which needs kill, but target forwarding can only leader"),
                r.err());
        assertFalse(Files.exists(out), "nothing was started or written");
    }

    @Test
    void aBackendOrWorkloadTheTargetDoesNotListIsRefused() {
        Ran backend = chaos("run", "clean-split", "--target", "forwarding", "--backend", "docker", "--out", tmp.resolve("a").toString());
        assertEquals(254, backend.exit(), backend.err());
        assertTrue(backend.err().contains("target forwarding runs on backend local, not 'docker'"), backend.err());
        Ran workload = chaos("run", "clean-split", "--target", "forwarding", "--workload", "cas-register", "--out",
                tmp.resolve("b").toString());
        assertEquals(254, workload.exit(), workload.err());
        assertTrue(workload.err().contains("--workload: 'cas-register' is not one of set (the workloads target forwarding has clients for)"),
                workload.err());
    }

    @Test
    void targetFilesAreListedBesideTheBuiltInsAsTheirFileSays() {
        Ran r = chaos("targets", "../docs/targets");
        assertEquals(0, r.exit(), r.err());
        int at = r.out().indexOf("etcd-command  ");
        assertTrue(at >= 0, r.out());
        String block = r.out().substring(at, r.out().indexOf("\n\n", at));
        assertTrue(block.contains("backends:  docker   (default docker)"), block);
        assertTrue(block.contains("workloads: set"), block);
        assertTrue(block.contains("on docker: kill, pause, stop-start, health\n"), block);
        assertTrue(block.contains("provider:  target file ../docs/targets/etcd-command.yaml"), block);
        assertTrue(r.out().contains("etcd-file  ") && r.out().contains("on docker: leader, kill, pause, stop-start, health"), r.out());
        assertTrue(r.out().contains("zookeeper  Apache ZooKeeper"), "the built-ins too");
    }

    @Test
    void showPrintsATargetFileResolvedWithEachNodesCommandLine() {
        Ran r = chaos("targets", "show", "../docs/targets/etcd.yaml", "--nodes", "5");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("name: etcd-file\n"), r.out());
        assertTrue(r.out().contains("  n5:\n    image: chaos/etcd:0.1.0\n    command: [--name, n5,"), r.out());
        assertTrue(r.out().contains("--initial-cluster, n1=http://n1:2380,n2=http://n2:2380,n3=http://n3:2380,n4=http://n4:2380,"
                + "n5=http://n5:2380,"), r.out());
        assertTrue(r.out().contains("leader: POST /v3/maintenance/status {} answers [200] with /leader = /header/member_id"), r.out());
    }

    @Test
    void aBadTargetFileIsExit254NamingTheLine() throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, "format: chaos-target/1\nname: Bad Name\n");
        Ran r = chaos("targets", "show", file.toString());
        assertEquals(254, r.exit());
        assertTrue(r.err().contains(file + ":2: name: 'Bad Name' is not a name"), r.err());
    }

    @Test
    void aScenarioNeedingALeaderIsRefusedForATargetFileWithoutALeaderProbe() {
        Path out = tmp.resolve("run");
        Ran r = chaos("run", "isolate-leader", "--target", "../docs/targets/etcd-command.yaml", "--out", out.toString());
        assertEquals(254, r.exit(), r.err());
        assertTrue(r.err().contains("needs leader") && r.err().contains("target etcd-command"), r.err());
        assertFalse(Files.exists(out.resolve("history.jsonl")));
    }

    @Test
    void aBadFileAmongTargetFilesIsReportedAfterTheGoodOnesAreListed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("targets"));
        Files.copy(Path.of("../docs/targets/redis-local.yaml"), dir.resolve("a-good.yaml"));
        Files.writeString(dir.resolve("b-bad.yaml"), "format: chaos-target/1\nname: bad\ndocker:\n  imag: x\n");
        Ran r = chaos("targets", dir.toString());
        assertEquals(254, r.exit(), "a bad file is bad input, though the listing goes on: " + r.err());
        int at = r.out().indexOf("redis-local  ");
        assertTrue(at >= 0, "the good file is listed: " + r.out());
        String block = r.out().substring(at, r.out().indexOf("\n\n", at));
        assertTrue(block.contains("backends:  local   (default local)"), block);
        assertTrue(block.contains("on local: leader, kill, pause, stop-start, wipe, health"), block);
        assertTrue(r.out().contains("zookeeper  ") && r.out().contains("backends:\n  docker  "), "the built-ins and backends too");
        assertTrue(r.err().contains("chaos: not listed: " + dir.resolve("b-bad.yaml") + ":4: docker.imag: unknown field"), r.err());
        assertTrue(r.err().contains("'image'"), "the fix: " + r.err());
    }

    @Test
    void showPrintsALocalTargetFileWithEachNodesCommandAndFiles() {
        Ran r = chaos("targets", "show", "../docs/targets/redis-local.yaml");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("backends: [local]"), r.out());
        assertTrue(r.out().contains("--replicaof \"127.0.2.1\" \"20100\""), "n2 replicates n1 through its own link: " + r.out());
        assertTrue(r.out().contains("/nodes/n3/redis.conf: |\n      bind 127.0.0.1\n      port 20300\n"), r.out());
    }
}
