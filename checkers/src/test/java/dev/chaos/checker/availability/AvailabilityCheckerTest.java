package dev.chaos.checker.availability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaos.checker.CheckResult;
import dev.chaos.fault.FaultWindows;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Given a history with a partition, expect phases, sides and failover measured from the times. */
class AvailabilityCheckerTest {

    private final List<Op> ops = new ArrayList<>();

    private void op(long ms, Object process, OpType type, String f, Object value, String node) {
        ProcessId p = process instanceof String s ? ProcessId.named(s) : ProcessId.client(((Number) process).longValue());
        ops.add(new Op(ops.size(), ms * 1_000_000, p, type, f, null, Values.canonical(value), node, null, false));
    }

    private void call(long from, long to, long process, OpType outcome, String node) {
        op(from, process, OpType.INVOKE, "add", from, node);
        op(to, process, outcome, "add", from, node);
    }

    @Test
    void phasesSidesAndFailover() {
        call(0, 10, 0, OpType.OK, "n1");
        call(20, 30, 1, OpType.OK, "n3");
        op(100, "nemesis", OpType.INFO, "start-partition", Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1")), null);
        call(110, 2110, 0, OpType.INFO, "n1");      // minority: times out
        call(120, 900, 1, OpType.OK, "n3");         // majority: first acknowledged write after 800 ms
        call(950, 960, 1, OpType.OK, "n2");
        op(1000, "nemesis", OpType.INFO, "stop-partition", null, null);
        op(1100, "nemesis", OpType.INFO, "heal", null, null);
        call(1200, 1210, 1, OpType.FAIL, "n2");
        CheckResult r = new AvailabilityChecker().check(new History(HistoryHeader.imported("t"), ops));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> phases = (Map<String, Map<String, Object>>) r.details().get("phases");
        assertEquals(2L, phases.get("before").get("ok"));
        assertEquals(3L, phases.get("during").get("ops"));
        assertEquals(1L, phases.get("during").get("info"));
        assertEquals(1L, phases.get("after").get("fail"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> sides = (Map<String, Map<String, Object>>) r.details().get("partition-sides");
        assertEquals(2L, sides.get("majority").get("ok"), "n2 and n3 are the majority");
        assertEquals(1L, sides.get("minority").get("ops"));
        assertEquals(0.0, sides.get("minority").get("ok-rate"));
        assertEquals(800L, r.details().get("max-failover-ms"));
    }

    @Test
    void aKillInsideAPartitionCountsOnTheMajoritySideOnlyOnTheMajoritySideOfBoth() {
        List<String> nodes = List.of("n1", "n2", "n3", "n4", "n5");
        call(0, 10, 0, OpType.OK, "n1");                                                  // before
        op(100, "nemesis", OpType.INFO, "start-partition", Map.of("n1", List.of("n3", "n4", "n5"), "n2", List.of("n3", "n4", "n5"),
                "n3", List.of("n1", "n2"), "n4", List.of("n1", "n2"), "n5", List.of("n1", "n2")), null);
        call(200, 250, 1, OpType.OK, "n4");       // partition only, majority side: its failover, 150 ms
        call(210, 2210, 2, OpType.INFO, "n1");    // partition only, minority side
        op(500, "nemesis", OpType.INFO, "start-kill", List.of("n3"), null);
        call(520, 530, 3, OpType.OK, "n1");       // not killed, but cut off by the partition: minority, no failover
        call(600, 610, 4, OpType.FAIL, "n3");     // on the partition's majority side, but killed: minority
        call(600, 620, 5, OpType.FAIL, "n2");     // minority of the partition
        call(600, 700, 6, OpType.OK, "n4");       // majority side of both
        call(600, 680, 7, OpType.OK, "n5");       // majority side of both: the kill's failover, 180 ms
        op(900, "nemesis", OpType.INFO, "stop-kill", List.of("n3"), null);
        call(1000, 1010, 4, OpType.OK, "n3");     // restarted, the partition still open: majority side again
        op(1200, "nemesis", OpType.INFO, "stop-partition", null, null);
        call(1250, 1260, 1, OpType.OK, "n2");     // between the last stop and the heal
        op(1300, "nemesis", OpType.INFO, "heal", null, null);
        call(1400, 1410, 1, OpType.OK, "n2");     // after
        History h = new History(new HistoryHeader(HistoryHeader.FORMAT_V1, "t", "fake", nodes, 1L, "", "test"), ops);

        List<FaultWindows.Fault> windows = FaultWindows.of(h);
        assertEquals(List.of("partition", "kill"), windows.stream().map(FaultWindows.Fault::kind).toList(), "both open at once");
        assertEquals(2, FaultWindows.openAt(windows, 600_000_000L).size());

        CheckResult r = new AvailabilityChecker().check(h);
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> phases = (Map<String, Map<String, Object>>) r.details().get("phases");
        assertEquals(1L, phases.get("before").get("ops"));
        assertEquals(8L, phases.get("during").get("ops"), "a call during both windows is during a fault, once");
        assertEquals(1L, phases.get("between").get("ops"));
        assertEquals(1L, phases.get("after").get("ops"));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> sides = (Map<String, Map<String, Object>>) r.details().get("partition-sides");
        assertEquals(4L, sides.get("majority").get("ops"), "n4 at 200, n4 and n5 at 600, n3 at 1000");
        assertEquals(4L, sides.get("majority").get("ok"));
        assertEquals(4L, sides.get("minority").get("ops"), "n1 at 210 and 520, the killed n3 and n2 at 600");
        assertEquals(1L, sides.get("minority").get("ok"));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> failovers = (List<Map<String, Object>>) r.details().get("failovers");
        assertEquals(List.of(150L, 180L), failovers.stream().map(m -> m.get("failover-ms")).toList());
        assertEquals(180L, r.details().get("max-failover-ms"));
    }

    @Test
    void majorityOfAGrudgeIsTheLargestMutuallyReachableGroup() {
        assertEquals(java.util.Set.of("n3", "n4", "n5"), FaultWindows.majority(Map.of(
                "n1", List.of("n3", "n4", "n5"), "n2", List.of("n3", "n4", "n5"),
                "n3", List.of("n1", "n2"), "n4", List.of("n1", "n2"), "n5", List.of("n1", "n2")), List.of()));
    }
}
