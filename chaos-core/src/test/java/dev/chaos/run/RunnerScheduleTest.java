package dev.chaos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.ProcessId;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.Step;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Overlapping occurrences (a partition with a kill inside it) each start, advance and stop at their
 * own planned times, and every one is healed at the end. The nemeses are fakes that only note when
 * they were called: what is under test is the runner's timing, on the in-memory cluster of
 * {@link RunnerConnectTest}.
 */
class RunnerScheduleTest {

    /** Generous: the test shares two cores with other builds. Lower bounds are exact. */
    private static final long SLACK_MS = 300;

    /** A fault that does nothing, noting the run-relative time of each call. */
    static class Noting implements Nemesis {
        final String fault;
        final boolean grows;
        final Map<String, Long> at = new ConcurrentHashMap<>();
        final AtomicInteger heals = new AtomicInteger();
        private final long t0;

        Noting(String fault, boolean grows, long t0) {
            this.fault = fault;
            this.grows = grows;
            this.t0 = t0;
        }

        private long now() {
            return (System.nanoTime() - t0) / 1_000_000;
        }

        @Override
        public String name() {
            return fault;
        }

        @Override
        public Event start(Random random) {
            at.put("start", now());
            return new Event(fault, List.of("n1"));
        }

        @Override
        public Event advance(Random random) {
            if (!grows || at.containsKey("step")) {
                return null;
            }
            at.put("step", now());
            return new Event(fault, List.of("n1", "n2"));
        }

        @Override
        public Event stop() {
            at.put("stop", now());
            return new Event(fault, List.of());
        }

        @Override
        public void healAll() {
            heals.incrementAndGet();
        }
    }

    private static Step step(String fault, long atMs, long holdMs, Long intervalMs) {
        return new Step(fault, null, Duration.ofMillis(atMs), Duration.ofMillis(holdMs), null, null, null, null, null,
                intervalMs == null ? null : Duration.ofMillis(intervalMs));
    }

    @Test
    void overlappingOccurrencesStartAdvanceAndStopAtTheirOwnTimes(@TempDir Path dir) throws Exception {
        // 6 s: recovery 1 s, the fault window ends at 5 s. A partition 1 s to 4 s, a growing node
        // fault 2 s to 3 s inside it, one more node lost at 2.5 s.
        List<Step> schedule = List.of(step("clean-split", 1000, 3000, null), step("cascading", 2000, 1000, 500L));
        Scenario s = new Scenario("overlap", "", "set", 2, 50.0, 2, Duration.ofSeconds(6), Duration.ofMillis(400),
                Duration.ofSeconds(5), "linearizable", 1L, schedule, List.of("set"), null);
        long t0 = System.nanoTime(); // before the run's own start: times noted here are never early
        Map<String, Noting> made = new ConcurrentHashMap<>();
        Runner runner = new Runner(new RunSpec(s, "fake", "local", 1, dir), new RunnerConnectTest.FakeCluster(Duration.ZERO, 0),
                new RunnerConnectTest.Adds(), st -> made.computeIfAbsent(st.fault(),
                        k -> new Noting(k.equals("clean-split") ? "partition" : k, k.equals("cascading"), t0)), line -> { });
        History h = HistoryFiles.read(runner.run("test").toAbsolutePath()).history();

        Noting partition = made.get("clean-split");
        Noting cascading = made.get("cascading");
        within("partition start", partition.at.get("start"), 1000);
        within("partition stop", partition.at.get("stop"), 4000);
        within("cascading start", cascading.at.get("start"), 2000);
        within("cascading step", cascading.at.get("step"), 2500);
        within("cascading stop", cascading.at.get("stop"), 3000);
        assertTrue(partition.heals.get() >= 1 && cascading.heals.get() >= 1, "the final heal reaches both");

        List<String> nemesisOps = h.nemesisOps().stream().filter(o -> o.process().equals(ProcessId.NEMESIS)).map(Op::f).toList();
        assertEquals(List.of("start-partition", "start-cascading", "step-cascading", "stop-cascading", "stop-partition", "heal"),
                nemesisOps);
        Op startCascading = h.nemesisOps().get(1);
        within("start-cascading in the history", startCascading.time() / 1_000_000, 2000);
    }

    @Test
    void anOccurrenceThatFailsEndsTheRunAndTheOneHeldIsHealed(@TempDir Path dir) {
        List<Step> schedule = List.of(step("clean-split", 500, 4000, null), step("kill", 1000, 1000, null));
        Scenario s = new Scenario("overlap", "", "set", 2, 50.0, 2, Duration.ofSeconds(6), Duration.ofMillis(400),
                Duration.ofSeconds(5), "linearizable", 1L, schedule, List.of("set"), null);
        Noting partition = new Noting("partition", false, System.nanoTime());
        Runner runner = new Runner(new RunSpec(s, "fake", "local", 1, dir), new RunnerConnectTest.FakeCluster(Duration.ZERO, 0),
                new RunnerConnectTest.Adds(), st -> st.fault().equals("clean-split") ? partition : new Noting("kill", false, 0) {
                    @Override
                    public Event start(Random random) {
                        throw new IllegalStateException("no such process");
                    }
                }, line -> { });
        long begun = System.nanoTime();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> runner.run("test"));
        assertEquals("no such process", e.getMessage());
        assertTrue((System.nanoTime() - begun) / 1_000_000 < 3000, "the run ended at the failure, not at the partition's stop");
        assertTrue(partition.heals.get() >= 1, "the partition still held was healed");
        assertTrue(!partition.at.containsKey("stop"), "its planned stop never came");
    }

    private static void within(String what, Long actualMs, long plannedMs) {
        assertTrue(actualMs != null, what + " never happened");
        assertTrue(actualMs >= plannedMs && actualMs <= plannedMs + SLACK_MS,
                what + " at " + actualMs + " ms, planned " + plannedMs + " ms");
    }
}
