package dev.chaos.checker.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Given a hand-written history of a 3-node clean split (n1 cut off at 100 ms, healed at 1000 ms),
 * expect each threshold's verdict with the measured value beside it.
 */
class SloCheckerTest {

    private final List<Op> ops = new ArrayList<>();

    private void op(long ms, Object process, OpType type, String f, Object value, String node, boolean fin) {
        ProcessId p = process instanceof String s ? ProcessId.named(s) : ProcessId.client(((Number) process).longValue());
        ops.add(new Op(ops.size(), ms * 1_000_000, p, type, f, null, Values.canonical(value), node, null, fin));
    }

    private void call(long from, long to, long process, OpType outcome, String node) {
        op(from, process, OpType.INVOKE, "add", from, node, false);
        op(to, process, outcome, "add", from, node, false);
    }

    private void finalRead(long at, long process, String node, List<Long> value) {
        op(at, process, OpType.INVOKE, "read", null, node, true);
        op(at + 5, process, OpType.OK, "read", value, node, true);
    }

    /** failover 800 ms; majority side 3 of 4 ok; errors 2 of 7; p99 2000 ms; converged 300 ms after the heal. */
    private History splitHistory() {
        call(0, 10, 0, OpType.OK, "n1");
        call(20, 30, 1, OpType.OK, "n3");
        op(100, "nemesis", OpType.INFO, "start-partition", Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1")), null, false);
        call(110, 2110, 0, OpType.INFO, "n1");     // minority: times out
        call(120, 900, 1, OpType.OK, "n3");        // majority: first acknowledged write, 800 ms after the start
        call(130, 140, 2, OpType.FAIL, "n2");      // majority, failed
        call(950, 960, 1, OpType.OK, "n2");
        call(960, 970, 2, OpType.OK, "n3");
        op(1000, "nemesis", OpType.INFO, "stop-partition", null, null, false);
        op(1100, "nemesis", OpType.INFO, "heal", null, null, false);
        finalRead(2200, 100, "n1", List.of(0L));
        finalRead(2300, 101, "n2", List.of(0L, 20L));
        finalRead(2400, 102, "n3", List.of(0L, 20L));
        finalRead(2410, 103, "n1", List.of(0L, 20L)); // all agree at 2415: 305 ms after the last client completion (2110)
        return new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
    }

    private static Map<String, Object> threshold(CheckResult r, String name) {
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> t = (List<Map<String, Object>>) r.details().get("thresholds");
        return t.stream().filter(m -> m.get("name").equals(name)).findFirst().orElseThrow();
    }

    private CheckResult check(Slo slo) {
        return new SloChecker(slo, Duration.ofSeconds(60)).check(splitHistory());
    }

    @Test
    void failoverIsMeasuredFromTheFaultStartToTheFirstAcknowledgedMajorityWrite() {
        CheckResult ok = check(new Slo(Duration.ofSeconds(1), null, null, null, null));
        assertEquals(Verdict.VALID, ok.verdict());
        assertEquals(800L, threshold(ok, "failover-max").get("measured"));
        assertEquals(1000L, threshold(ok, "failover-max").get("threshold"));
        CheckResult bad = check(new Slo(Duration.ofMillis(500), null, null, null, null));
        assertEquals(Verdict.INVALID, bad.verdict());
        assertEquals(false, threshold(bad, "failover-max").get("valid"));
    }

    @Test
    void majorityAvailabilityCountsOnlyMajoritySideOpsDuringTheFault() {
        CheckResult ok = check(new Slo(null, 0.75, null, null, null));
        assertEquals(0.75, threshold(ok, "majority-availability-min").get("measured"), "n2/n3 during the fault: 3 of 4 ok");
        assertEquals(Verdict.VALID, ok.verdict());
        assertEquals(Verdict.INVALID, check(new Slo(null, 0.9, null, null, null)).verdict());
    }

    @Test
    void errorRateIsFailAndInfoAmongAllClientOps() {
        CheckResult r = check(new Slo(null, null, 0.3, null, null));
        assertEquals(0.2857, threshold(r, "error-rate-max").get("measured"));
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals(Verdict.INVALID, check(new Slo(null, null, 0.2, null, null)).verdict());
    }

    @Test
    void p99LatencyIsOverAcknowledgedOps() {
        CheckResult r = check(new Slo(null, null, null, Duration.ofSeconds(1), null));
        assertEquals(780L, threshold(r, "p99-latency-max").get("measured"), "the timed-out op is not acknowledged");
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals(Verdict.INVALID, check(new Slo(null, null, null, Duration.ofMillis(500), null)).verdict());
    }

    @Test
    void latencyThresholdsCountFromTheIntendedStartAndACallHeldBackByAFaultBelongsToIt() {
        op(0, 0, OpType.INVOKE, "add", 0L, "n1", false);
        op(10, 0, OpType.OK, "add", 0L, "n1", false);
        op(100, "nemesis", OpType.INFO, "start-partition", Map.of("n1", List.of("n2"), "n2", List.of("n1")), null, false);
        op(1000, "nemesis", OpType.INFO, "stop-partition", null, null, false);
        // meant to start at 200 ms, during the partition; every client was stuck, so it went out at 1100 ms and took 10 ms
        ops.add(new Op(ops.size(), 1_100_000_000L, ProcessId.client(1), OpType.INVOKE, "add", null, 1L, "n2", null, false,
                200_000_000L));
        op(1110, 1, OpType.OK, "add", 1L, "n2", false);
        History h = new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2"), 1L, "", "test"), ops);
        CheckResult r = new SloChecker(new Slo(null, null, null, Duration.ofMillis(100), null, Duration.ofMillis(100)),
                Duration.ofSeconds(60)).check(h);
        assertEquals(910L, threshold(r, "p99-latency-max").get("measured"), "910 ms from the intended start, not the 10 ms of service");
        assertEquals(910L, threshold(r, "fault-p99-latency-max").get("measured"),
                "meant to start during the fault: it counts there although invoked after the stop");
        assertEquals(Verdict.INVALID, r.verdict());
    }

    @Test
    void convergenceIsTheConvergenceCheckersMeasurement() {
        CheckResult r = check(new Slo(null, null, null, null, Duration.ofSeconds(1)));
        assertEquals(305L, threshold(r, "convergence-max").get("measured"));
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals(Verdict.INVALID, check(new Slo(null, null, null, null, Duration.ofMillis(200))).verdict());
    }

    @Test
    void everyThresholdIsASeparateVerdictAndOneFailureFailsTheRun() {
        CheckResult r = check(new Slo(Duration.ofSeconds(1), 0.5, 0.1, Duration.ofSeconds(1), Duration.ofSeconds(1)));
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(false, threshold(r, "error-rate-max").get("valid"));
        for (String ok : List.of("failover-max", "majority-availability-min", "p99-latency-max", "convergence-max")) {
            assertEquals(true, threshold(r, ok).get("valid"), ok);
        }
    }

    @Test
    void aFaultWithNoAcknowledgedMajorityWriteFailsFailover() {
        ops.clear();
        op(0, "nemesis", OpType.INFO, "start-pause", List.of("n1"), null, false);
        call(10, 5010, 0, OpType.INFO, "n2");
        op(6000, "nemesis", OpType.INFO, "stop-pause", List.of("n1"), null, false);
        History h = new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
        CheckResult r = new SloChecker(new Slo(Duration.ofSeconds(10), null, null, null, null), Duration.ofSeconds(60)).check(h);
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(null, threshold(r, "failover-max").get("measured"));
    }

    @Test
    void withoutFaultsTheFaultThresholdsHoldTrivially() {
        ops.clear();
        call(0, 10, 0, OpType.OK, "n1");
        History h = new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
        CheckResult r = new SloChecker(new Slo(Duration.ofSeconds(1), 0.9, null, null, null), Duration.ofSeconds(60)).check(h);
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
    }

    /**
     * Cascading on 5 nodes: n1 lost at 0, n2 at 1000 ms, n3 at 2000 ms (no majority left), all back
     * at 3000 ms. Each loss is its own window: failover from the second loss is measured on n3..n5
     * only, and the window without a majority is not judged.
     */
    @Test
    void aGrowingFaultIsJudgedPerStepAndNotWhereNoMajorityIsLeft() {
        ops.clear();
        op(0, "nemesis", OpType.INFO, "start-cascading", List.of("n1"), null, false);
        call(10, 50, 0, OpType.OK, "n2");            // failover of the first loss: 50 ms
        op(1000, "nemesis", OpType.INFO, "step-cascading", List.of("n1", "n2"), null, false);
        call(1010, 1100, 1, OpType.INFO, "n2");      // n2 is down now: not the majority side
        call(1010, 1400, 2, OpType.OK, "n4");        // failover of the second loss: 400 ms
        op(2000, "nemesis", OpType.INFO, "step-cascading", List.of("n1", "n2", "n3"), null, false);
        call(2010, 4010, 3, OpType.INFO, "n5");      // no quorum
        op(3000, "nemesis", OpType.INFO, "stop-cascading", List.of("n1", "n2", "n3"), null, false);
        History h = new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2", "n3", "n4", "n5"), 1L, "",
                "test"), ops);
        CheckResult r = new SloChecker(new Slo(Duration.ofSeconds(1), 0.5, null, null, null), Duration.ofSeconds(60)).check(h);
        assertEquals(400L, threshold(r, "failover-max").get("measured"));
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(3, r.details().get("faults"));
        assertEquals(1.0, threshold(r, "majority-availability-min").get("measured"),
                "n2 at 10 ms and n4 at 1010 ms; not n2 once lost, nor n5 with no majority left");
    }
}
