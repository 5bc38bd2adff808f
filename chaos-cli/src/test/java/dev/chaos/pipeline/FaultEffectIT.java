package dev.chaos.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.checker.effect.FaultEffectChecker;
import dev.chaos.checker.set.SetChecker;
import dev.chaos.cluster.Backends;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Targets;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.NemesisFactory;
import dev.chaos.run.RunSpec;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.Step;
import dev.chaos.workload.SetWorkload;
import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault-effect checker on real runs: the {@code forwarding} test target (n2 and n3 forward every
 * add to n1 through their peer links) under a clean split, through the real proxy. Held, the split
 * is proven by the proxy's counters; with one cut link quietly restored while held (a broken
 * injector, or someone resetting the proxy), the same run is invalid and names that link.
 */
class FaultEffectIT {

    private static Scenario split(String mode) {
        return new Scenario("clean-split", "", "set", 3, 50.0, 4, Duration.ofSeconds(14), Duration.ofSeconds(5), Duration.ofSeconds(30),
                "linearizable", 7L, List.of(new Step("clean-split", null, Duration.ofSeconds(3), Duration.ofSeconds(5), null, null, null,
                        null, null, null, mode)), List.of("set", "fault-effect"), null);
    }

    private static TestRun.Result run(Path dir, Scenario scenario, BiFunction<Cluster, LinkFaults, NemesisFactory> nemesis) throws Exception {
        ChaosTest test = new ChaosTest(new RunSpec(scenario, "forwarding", "local", 7, dir), Targets.named("forwarding").orElseThrow(),
                Backends.named("local").orElseThrow(), new SetWorkload(), nemesis, List.of(new SetChecker(), new FaultEffectChecker()));
        return TestRun.run(test, "test", s -> { }, new TestRun.Listener() { });
    }

    private static CheckResult effect(TestRun.Result r) {
        return r.results().stream().filter(c -> c.checker().equals("fault-effect")).findFirst().orElseThrow();
    }

    @Test
    void aHeldSplitIsProvenByTheProxyCountersInBothModes(@TempDir Path tmp) throws Exception {
        for (String mode : List.of("drop", "reject")) {
            TestRun.Result r = run(tmp.resolve(mode), split(mode), ChaosTest.builtInNemesis());
            CheckResult e = effect(r);
            System.out.println("FaultEffectIT " + mode + ": " + e.verdict() + " " + e.summary());
            assertEquals(Verdict.VALID, e.verdict(), mode + ": " + e.summary());
            @SuppressWarnings("unchecked")
            Map<String, Object> fault = ((List<Map<String, Object>>) e.details().get("faults")).get(0);
            assertEquals(mode, fault.get("mode"));
            assertEquals(0L, ((Number) fault.get("forwarded")).longValue());
            String felt = mode.equals("drop") ? "dropped" : "resets";
            assertTrue(((Number) fault.get(felt)).longValue() > 0, mode + " is felt as " + felt + ": " + fault);
        }
    }

    @Test
    void aCutLinkQuietlyRestoredWhileHeldMakesTheRunInvalidAndIsNamed(@TempDir Path tmp) throws Exception {
        AtomicReference<String> restored = new AtomicReference<>();
        BiFunction<Cluster, LinkFaults, NemesisFactory> builtIn = ChaosTest.builtInNemesis();
        Thread[] saboteur = new Thread[1];
        BiFunction<Cluster, LinkFaults, NemesisFactory> sabotaged = (cluster, links) -> {
            saboteur[0] = Thread.ofVirtual().start(() -> restoreOneCutLink(links.apiAddress(), restored));
            return builtIn.apply(cluster, links);
        };
        TestRun.Result r;
        try {
            r = run(tmp.resolve("sabotaged"), split(null), sabotaged);
        } finally {
            saboteur[0].interrupt();
        }
        CheckResult e = effect(r);
        System.out.println("FaultEffectIT sabotaged (" + restored.get() + " restored): " + e.verdict() + " " + e.summary());
        assertTrue(restored.get() != null, "the saboteur found a cut link to restore");
        assertEquals(Verdict.INVALID, e.verdict(), e.summary().toString());
        assertEquals(Verdict.INVALID, r.verdict());
        @SuppressWarnings("unchecked")
        List<String> leaks = (List<String>) e.details().get("leaks");
        assertTrue(leaks.stream().anyMatch(l -> l.contains("link " + restored.get() + " forwarded") && l.contains("its cut was gone")),
                leaks + " " + e.details());
    }

    /** Waits for the split, then removes the black holes of one link n2 or n3 uses to forward to n1. */
    private static void restoreOneCutLink(String api, AtomicReference<String> restored) {
        int colon = api.lastIndexOf(':');
        ToxiproxyClient client = new ToxiproxyClient(api.substring(0, colon), Integer.parseInt(api.substring(colon + 1)));
        try {
            while (!Thread.currentThread().isInterrupted()) {
                for (String name : List.of("n2-to-n1-0", "n3-to-n1-0")) {
                    Proxy p;
                    try {
                        p = client.getProxy(name);
                    } catch (java.io.IOException notYet) {
                        continue;
                    }
                    var toxics = p.toxics().getAll();
                    if (!toxics.isEmpty()) {
                        for (var t : toxics) {
                            t.remove();
                        }
                        restored.set(name);
                        return;
                    }
                }
                Thread.sleep(50);
            }
        } catch (java.io.IOException | InterruptedException e) {
            // the run is over
        }
    }
}
