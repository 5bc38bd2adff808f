package dev.chaos.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.set.SetChecker;
import dev.chaos.cluster.Backends;
import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.LocalLeftovers;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.Targets;
import dev.chaos.fault.Grudge;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.run.RunSpec;
import dev.chaos.scenario.Requirements;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioFiles;
import dev.chaos.scenario.Step;
import dev.chaos.workload.SetWorkload;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Target SPI, proved from outside the main code: {@link ForwardingTarget} is one test class plus
 * one services line, and it is found beside the built-ins, its capabilities come from its cluster
 * type, it runs a shortened clean-split end to end through {@link TestRun} with its peer links
 * partitioned through the proxy, and a scenario it cannot run is refused up front.
 */
class PluginTargetIT {

    private final Target target = Targets.named("forwarding").orElseThrow(() -> new AssertionError("forwarding not found: " + Targets.names()));

    @Test
    void theTestScopedTargetIsFoundBesideTheBuiltIns() {
        Set<String> names = Targets.all().stream().map(Target::name).collect(Collectors.toSet());
        assertTrue(names.containsAll(List.of("zookeeper", "etcd", "redis", "forwarding")), names.toString());
        assertEquals(EnumSet.of(Capability.LEADER), target.capabilities("local"));
    }

    @Test
    void aScenarioNeedingKillIsRefusedUpFront() {
        ScenarioFiles files = new ScenarioFiles(CheckerCatalog.names());
        Scenario killRestart = files.resolve(files.builtin("kill-restart"), w -> List.of("set"));
        String why = Requirements.unmet(killRestart, target.capabilities("local"), target.name());
        assertNotNull(why);
        assertTrue(why.contains("'kill'") && why.contains("forwarding"), why);
    }

    private static boolean isNode(ProcessHandle p) {
        return LocalLeftovers.arguments(p).map(a -> a.contains(ForwardingTarget.class.getName())).orElse(false);
    }

    @Test
    void aShortCleanSplitRunsEndToEndThroughTestRun(@TempDir Path tmp) throws Exception {
        Scenario scenario = new Scenario("clean-split", "", "set", 3, 50.0, 4, Duration.ofSeconds(15), Duration.ofSeconds(5),
                Duration.ofSeconds(30), "linearizable", 7L, List.of(new Step("clean-split", null, Duration.ofSeconds(3),
                        Duration.ofSeconds(5), null, null, null, null, null, null)), List.of("set", "convergence"), null);
        Path dir = tmp.resolve("run");
        RunSpec spec = new RunSpec(scenario, "forwarding", "local", 7, dir);
        // the node processes: this JVM's descendants running ForwardingTarget that appeared by the time the
        // cluster serves (other ITs may run beside this one, and start processes of their own)
        Set<Long> before = ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        List<ProcessHandle> nodes = new ArrayList<>();
        TestRun.Listener watch = new TestRun.Listener() {
            @Override
            public void clusterUp(Cluster cluster, long millis) {
                ProcessHandle.current().descendants().filter(p -> !before.contains(p.pid()) && p.isAlive() && isNode(p)).forEach(nodes::add);
            }
        };
        List<String> log = new ArrayList<>();
        ChaosTest test = new ChaosTest(spec, target, Backends.named("local").orElseThrow(), new SetWorkload(),
                ChaosTest.builtInNemesis(), List.of(new SetChecker(), CheckerCatalog.create("convergence", CheckOptions.defaults())));
        TestRun.Result r = TestRun.run(test, "test", s -> {
            synchronized (log) {
                log.add(s);
            }
        }, watch);

        History h = r.history();
        Map<String, Long> counts = h.ops().stream().filter(Op::isClient)
                .collect(Collectors.groupingBy(o -> o.f() + ":" + o.type(), java.util.TreeMap::new, Collectors.counting()));
        System.out.println("PluginTargetIT: verdict " + r.verdict() + " in " + r.wallMillis() + " ms, ops " + counts);
        r.results().forEach(c -> System.out.println("  " + c.verdict() + " " + c.summary()));

        assertEquals(Verdict.VALID, r.verdict(), r.results() + "\n" + String.join("\n", log));
        assertEquals(3, nodes.size(), "three node processes were started: " + nodes);

        Op start = h.nemesisOps().stream().filter(o -> o.f().equals("start-partition")).findFirst()
                .orElseThrow(() -> new AssertionError("no start-partition in " + h.nemesisOps()));
        Op stop = h.nemesisOps().stream().filter(o -> o.f().equals("stop-partition")).findFirst().orElseThrow();
        Grudge g = Grudge.fromValue(start.value());
        assertNotNull(g, "the grudge: " + start.value());
        Set<String> cutOff = new TreeSet<>(); // nodes whose link to n1 was black-holed
        g.drops().forEach((from, dropped) -> {
            if (from.equals("n1")) {
                cutOff.addAll(dropped);
            } else if (dropped.contains("n1")) {
                cutOff.add(from);
            }
        });
        assertTrue(!cutOff.isEmpty(), "with 3 nodes a clean split always cuts some node off n1: " + g);
        long failedWhileCut = h.ops().stream().filter(o -> o.isClient() && (o.type() == OpType.FAIL || o.type() == OpType.INFO)
                && cutOff.contains(o.node()) && o.time() > start.time() && o.time() <= stop.time() + 4_000_000_000L).count();
        System.out.println("  partition " + g.drops() + ": " + failedWhileCut + " ops failed or info on " + cutOff + ", cut off from n1");
        assertTrue(failedWhileCut > 0, "ops on " + cutOff + " failed or timed out while cut off from n1 (the proxy links took effect)");
        assertTrue(h.ops().stream().anyMatch(o -> o.isClient() && o.type() == OpType.OK && o.f().equals("add") && o.time() < start.time()),
                "ok adds before the partition");
        assertTrue(h.ops().stream().anyMatch(o -> o.isClient() && o.type() == OpType.OK && o.f().equals("add") && o.time() > stop.time()),
                "ok adds after the heal");

        for (String f : List.of("history.jsonl", "results.json", "report.html", "scenario.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " in " + dir);
        }
        assertTrue(nodes.stream().noneMatch(ProcessHandle::isAlive), "every node process is gone after the run: " + nodes);
    }
}
