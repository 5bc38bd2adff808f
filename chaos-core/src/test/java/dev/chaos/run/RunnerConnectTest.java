package dev.chaos.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.Cluster;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.scenario.Scenario;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import java.net.ConnectException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that cannot connect is not silent: each attempt is an op in the history, invoked and
 * failed ({@code cannot connect}) when the attempt ended, so a node that refuses or hangs counts
 * against availability; an open that succeeds is not part of the op's latency. The cluster here is an in-memory fake: what is
 * under test is the runner's bookkeeping, not a real system's behaviour.
 */
class RunnerConnectTest {

    private static final Duration OP_TIMEOUT = Duration.ofMillis(400);

    /** A set in memory; n1 refuses or hangs its first connections as told. */
    static final class FakeCluster implements Cluster {
        final Set<Long> set = new ConcurrentSkipListSet<>();
        final long refuseUntilNanos;
        final AtomicInteger hangsLeft;
        final AtomicInteger hangsInterrupted = new AtomicInteger();

        FakeCluster(Duration refuseFor, int hangs) {
            refuseUntilNanos = System.nanoTime() + refuseFor.toNanos();
            hangsLeft = new AtomicInteger(hangs);
        }

        @Override
        public List<String> nodes() {
            return List.of("n1", "n2");
        }

        @Override
        public Client openClient(String node, Workload workload) throws Exception {
            if (node.equals("n1") && System.nanoTime() < refuseUntilNanos) {
                throw new ConnectException("Connection refused");
            }
            if (node.equals("n1") && hangsLeft.getAndDecrement() > 0) {
                try {
                    Thread.sleep(60_000); // a node that accepts and never answers the handshake
                } catch (InterruptedException e) {
                    hangsInterrupted.incrementAndGet();
                    throw e;
                }
            }
            return new Client() {
                @Override
                public Op invoke(Op op) {
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

    /** Adds of unique values to one key. */
    static final class Adds implements Workload {
        private final AtomicLong next = new AtomicLong();

        @Override
        public String name() {
            return "set";
        }

        @Override
        public Op next(ProcessId process, Random random) {
            return new Op(-1, -1, process, OpType.INVOKE, "add", "s1", next.getAndIncrement(), null, null, false);
        }

        @Override
        public List<String> checkers() {
            return List.of("set");
        }

        @Override
        public String model() {
            return null;
        }
    }

    private static History run(Path dir, FakeCluster cluster) throws Exception {
        Scenario s = new Scenario("connect", "", "set", 2, 50.0, 2, Duration.ofSeconds(3), OP_TIMEOUT, Duration.ofSeconds(5),
                "linearizable", 1L, List.of(), List.of("set"), null);
        Path history = new Runner(new RunSpec(s, "fake", "local", 1, dir), cluster, new Adds(), step -> {
            throw new AssertionError("no faults are scheduled");
        }, line -> { }).run("test").toAbsolutePath();
        return HistoryFiles.read(history).history();
    }

    /** Completions by process of the client ops that failed to connect, each with its invocation. */
    private static List<Op[]> connectFailures(History h) {
        Map<ProcessId, Op> open = new HashMap<>();
        List<Op[]> out = new ArrayList<>();
        for (Op op : h.ops()) {
            if (!op.process().isClient() || op.isFinal()) { // the nemesis and the load actor pair nothing
                continue;
            }
            if (op.type() == OpType.INVOKE) {
                open.put(op.process(), op);
            } else {
                Op inv = open.remove(op.process());
                assertNotNull(inv, "completion without an invocation: " + op);
                if (op.error() != null && op.error().startsWith("cannot connect: ")) {
                    out.add(new Op[] {inv, op});
                }
            }
        }
        return out;
    }

    @Test
    void aRefusedConnectionIsAFailedOpAndTheClientBacksOff(@TempDir Path dir) throws Exception {
        FakeCluster cluster = new FakeCluster(Duration.ofMillis(1500), 0);
        History h = run(dir, cluster);
        List<Op[]> failed = connectFailures(h);
        assertTrue(failed.size() >= 3, "refused attempts recorded: " + failed.size());
        for (Op[] pair : failed) {
            assertEquals(OpType.FAIL, pair[1].type());
            assertEquals("n1", pair[1].node());
            assertEquals(pair[0].value(), pair[1].value(), "the completion names the add it could not make");
            assertEquals("cannot connect: Connection refused", pair[1].error());
            assertTrue(!cluster.set.contains((Long) pair[0].value()), "a failed add never reached the data");
        }
        // one client is on n1; it backs off 200 ms between refused attempts: at most ~8 in 1.5 s
        assertTrue(failed.size() <= 9, "the client spun instead of backing off: " + failed.size() + " attempts");
        long okOnN1 = h.ops().stream().filter(o -> o.type() == OpType.OK && "n1".equals(o.node()) && !o.isFinal()).count();
        assertTrue(okOnN1 > 0, "once n1 accepts, its client works");
    }

    @Test
    void aHangingConnectionFailsAtTheOpTimeoutAndTheAttemptIsInterrupted(@TempDir Path dir) throws Exception {
        FakeCluster cluster = new FakeCluster(Duration.ZERO, 2);
        History h = run(dir, cluster);
        List<Op[]> failed = connectFailures(h);
        assertEquals(2, failed.size(), "each hung attempt is one failed op");
        long firstFail = Long.MAX_VALUE;
        for (Op[] pair : failed) {
            assertTrue(pair[1].error().contains("within the op timeout (400 ms)"), pair[1].error());
            firstFail = Math.min(firstFail, pair[1].time());
        }
        // the clients' first connections are made from the history's start, before the rate schedule begins
        assertTrue(firstFail / 1_000_000 >= OP_TIMEOUT.toMillis() - 50,
                "the first hung attempt failed only when the op timeout passed: " + firstFail / 1_000_000 + " ms");
        assertEquals(2, cluster.hangsInterrupted.get(), "the abandoned attempts were interrupted, not left hanging");
    }
}
