package dev.chaos.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Bad configuration fails at once, naming the method and what is allowed; nothing starts. */
class ChaosRunTest {

    @Test
    void anUnknownScenarioNamesTheKnownOnes() {
        String m = assertThrows(IllegalArgumentException.class, () -> Chaos.scenario("clean-spilt")).getMessage();
        assertTrue(m.contains("unknown scenario 'clean-spilt'") && m.contains("clean-split"), m);
    }

    @Test
    void anUnknownTargetNamesTheFoundOnes() {
        String m = assertThrows(IllegalArgumentException.class, () -> Chaos.scenario("clean-split").target("zookeper")).getMessage();
        assertTrue(m.contains("target: unknown target 'zookeper'") && m.contains("zookeeper"), m);
    }

    @Test
    void outOfRangeValuesNameTheirMethod() {
        ChaosRun run = Chaos.scenario("clean-split");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run.nodes(2)).getMessage().startsWith("nodes: 2 is outside 3..9"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run.duration(Duration.ofSeconds(5))).getMessage()
                .startsWith("duration:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run.rate(0)).getMessage().startsWith("rate:"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> run.metrics("9400")).getMessage()
                .startsWith("metrics: '9400' is not HOST:PORT"));
    }

    @Test
    void aTargetTheBackendCannotRunIsRefusedBeforeAnythingStarts() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> Chaos.scenario("clean-split").target("etcd").backend("local").run()).getMessage();
        assertTrue(m.contains("target etcd runs on docker, not 'local'"), m);
    }

    @Test
    void aScenarioTheTargetLacksTheCapabilityForIsRefused() {
        ImageTarget noLeader = ImageTarget.of("chaos/etcd:0.1.0").withClientPort(2379)
                .withSetClient(address -> { throw new AssertionError("never opened"); });
        String m = assertThrows(IllegalArgumentException.class, () -> Chaos.scenario("isolate-leader").target(noLeader).run())
                .getMessage();
        assertTrue(m.contains("leader"), m);
    }

    @Test
    void aTargetFileIsReadByTheSameLoaderAsChaosRunAndItsMistakesNameTheLine() throws Exception {
        assertEquals("etcd-file", Chaos.scenario("clean-split").target(Path.of("../docs/targets/etcd.yaml")).targetName());
        Path typo = java.nio.file.Files.createTempFile("typo", ".yaml");
        try {
            java.nio.file.Files.writeString(typo, "format: chaos-target/1\nname: x\ndokcer: {image: a}\n");
            String m = assertThrows(IllegalArgumentException.class, () -> Chaos.scenario("clean-split").target(typo)).getMessage();
            assertTrue(m.contains(typo + ":3: dokcer: unknown field; did you mean 'docker'?"), m);
        } finally {
            java.nio.file.Files.delete(typo);
        }
        String missing = assertThrows(IllegalArgumentException.class,
                () -> Chaos.scenario("clean-split").target(Path.of("no-such-target.yaml"))).getMessage();
        assertTrue(missing.contains("no-such-target.yaml: no such target file"), missing);
    }
}
