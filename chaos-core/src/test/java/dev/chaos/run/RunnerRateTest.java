package dev.chaos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.Cluster;
import dev.chaos.history.Call;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.scenario.Scenario;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rate schedule is the run's, not the clients': every invocation carries its slot (intended
 * start), slots are a fixed period apart whatever the system does, and when a stall holds every
 * client the slots it held back are still issued, late, with their waiting counted in the response
 * time. The cluster is an in-memory fake that stalls on purpose: what is under test is the runner's
 * bookkeeping (coordinated omission), not a real system.
 */
class RunnerRateTest {

    private static final double RATE = 50;
    private static final long PERIOD = (long) (1e9 / RATE);
    private static final long STALL_MILLIS = 1_000;
    private static final long SLOW_OP_MILLIS = 200;

    /** A set in memory whose every op takes 200 ms during the first second, then answers at once. */
    static final class StallingCluster implements Cluster {
        final Set<Long> set = new ConcurrentSkipListSet<>();
        volatile long stallEnds;

        @Override
        public List<String> nodes() {
            return List.of("n1", "n2");
        }

        @Override
        public Client openClient(String node, Workload workload) {
            synchronized (this) {
                if (stallEnds == 0) {
                    stallEnds = System.nanoTime() + STALL_MILLIS * 1_000_000;
                }
            }
            return new Client() {
                @Override
                public Op invoke(Op op) {
                    if (System.nanoTime() < stallEnds) {
                        try {
                            Thread.sleep(SLOW_OP_MILLIS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    Object value = op.value();
                    if (op.f().equals("add")) {
                        set.add((Long) op.value());
                    } else {
                        value = new ArrayList<>(set);
                    }
                    return new Op(-1, -1, op.process(), OpType.OK, op.f(), op.key(), value, op.node(), null, false);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Object localRead(String node, Workload workload) {
            return new ArrayList<>(set);
        }

        @Override
        public void close() {
        }
    }

    @Test
    void slotsHeldBackByAStallAreIssuedLateAndTheirWaitIsCounted(@TempDir Path dir) throws Exception {
        Scenario s = new Scenario("schedule", "", "set", 2, RATE, 2, Duration.ofSeconds(3), Duration.ofSeconds(2),
                Duration.ofSeconds(5), "linearizable", 1L, List.of(), List.of("set"), null);
        Path file = new Runner(new RunSpec(s, "fake", "local", 1, dir), new StallingCluster(), new RunnerConnectTest.Adds(),
                step -> {
                    throw new AssertionError("no faults are scheduled");
                }, line -> { }).run("test");
        History h = HistoryFiles.read(file).history();
        List<Call> calls = h.calls().stream().filter(c -> c.process().isClient() && !c.invoke().isFinal()).toList();

        List<Long> slots = calls.stream().map(c -> c.invoke().intended()).sorted().toList();
        assertTrue(slots.stream().allMatch(t -> t >= 0), "every client invocation carries its intended start");
        for (int i = 1; i < slots.size(); i++) {
            assertEquals(PERIOD, slots.get(i) - slots.get(i - 1), "slots are one period apart, a stall or not (slot " + i + ")");
        }
        for (Call c : calls) {
            assertTrue(c.invoke().time() >= c.invoke().intended(), "no invocation goes out before its slot: " + c.invoke());
        }
        // 3 s at 50/s: the slots of the stall (2 clients at 200 ms make 10/s of the 50 asked) are made up afterwards
        assertTrue(calls.size() >= 0.9 * RATE * 3, "the schedule was kept overall: " + calls.size() + " calls");

        long maxService = calls.stream().mapToLong(Call::latencyNanos).max().orElseThrow() / 1_000_000;
        long maxResponse = calls.stream().mapToLong(Call::responseNanos).max().orElseThrow() / 1_000_000;
        assertTrue(maxService < 2 * SLOW_OP_MILLIS, "no call took the system longer than a slow op: " + maxService + " ms");
        assertTrue(maxResponse >= STALL_MILLIS / 2,
                "the calls held back by the stall waited most of it, and that counts: max response " + maxResponse + " ms");
        long lateAfterStall = calls.stream().filter(c -> c.responseNanos() - c.latencyNanos() > 100_000_000L).count();
        assertTrue(lateAfterStall >= 20, "many calls waited for a client (about 40 slots were held back): " + lateAfterStall);
    }

    @Test
    void aRampStepsTheSlotsAndRecordsEachStepAsItBegins(@TempDir Path dir) throws Exception {
        dev.chaos.scenario.Ramp ramp = new dev.chaos.scenario.Ramp(50.0, 50.0, Duration.ofSeconds(2), Duration.ofMillis(100), null);
        Scenario s = new Scenario("ramp", "", "set", 2, null, 4, Duration.ofSeconds(6), Duration.ofSeconds(2),
                Duration.ofSeconds(5), "linearizable", 1L, List.of(), List.of("set"), null, null, ramp);
        Path file = new Runner(new RunSpec(s, "fake", "local", 1, dir), new RunnerConnectTest.FakeCluster(Duration.ZERO, 0),
                new RunnerConnectTest.Adds(), step -> {
                    throw new AssertionError("no faults are scheduled");
                }, line -> { }).run("test");
        History h = HistoryFiles.read(file).history();
        List<Op> steps = h.ops().stream().filter(o -> o.f().equals("ramp-step")).toList();
        assertEquals(3, steps.size(), "a step at 0, 2 and 4 s, none at the end of the 6 s (the clients stop there): " + steps);
        List<Double> rates = steps.stream().map(o -> ((Number) ((java.util.Map<?, ?>) o.value()).get("rate")).doubleValue()).toList();
        assertEquals(List.of(50.0, 100.0, 150.0), rates.subList(0, 3));
        assertEquals(null, h.header().rate(), "a ramp has no one rate");
        List<Op> load = h.ops().stream().filter(o -> o.f().equals("machine-load")).toList();
        assertEquals(1, load.size(), "the machine's CPU over the client phase, once: " + load);
        double cpu = ((Number) ((java.util.Map<?, ?>) load.get(0).value()).get("cpu")).doubleValue();
        assertTrue(cpu >= 0 && cpu <= 1, "a fraction of the machine: " + cpu);
        assertTrue(((Number) ((java.util.Map<?, ?>) load.get(0).value()).get("samples")).longValue() >= 4, "about one a second");
        List<Long> slots = h.calls().stream().filter(c -> c.process().isClient() && !c.invoke().isFinal())
                .map(c -> c.invoke().intended()).sorted().toList();
        long stepNanos = 2_000_000_000L;
        long start = ((Number) ((java.util.Map<?, ?>) steps.get(0).value()).get("from-ms")).longValue() * 1_000_000;
        for (int i = 1; i < slots.size(); i++) {
            long into = (slots.get(i - 1) - start) % stepNanos;
            if (into < 1_000_000 || into > stepNanos - 1_000_000) {
                continue; // from-ms is whole milliseconds: a slot this close to a step's start may be on either side
            }
            long k = (slots.get(i - 1) - start) / stepNanos; // the step the earlier slot is in sets the spacing
            long period = (long) (1e9 / (50.0 * (k + 1)));
            assertEquals(period, slots.get(i) - slots.get(i - 1), 1_000_000, "slot " + i + " in step " + k);
        }
        long inFirst = slots.stream().filter(t -> t - start < stepNanos).count();
        long inThird = slots.stream().filter(t -> t - start >= 2 * stepNanos && t - start < 3 * stepNanos).count();
        assertEquals(100, inFirst, 2, "2 s at 50/s");
        assertEquals(300, inThird, 3, "2 s at 150/s");
    }
}
