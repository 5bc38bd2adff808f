package dev.chaos.checker.convergence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Given the final reads of three nodes after a heal at 1000 ms, expect whether and when they converged. */
class ConvergenceCheckerTest {

    private final List<Op> ops = new ArrayList<>();

    private void op(long ms, Object process, OpType type, Object value, String node, String error, boolean fin) {
        ProcessId p = process instanceof String s ? ProcessId.named(s) : ProcessId.client(((Number) process).longValue());
        ops.add(new Op(ops.size(), ms * 1_000_000, p, type, fin ? "read" : "heal", null, Values.canonical(value), node, error, fin));
    }

    private void finalRead(long at, long process, String node, List<Long> value) {
        op(at, process, OpType.INVOKE, null, node, null, true);
        op(at + 5, process, value == null ? OpType.FAIL : OpType.OK, value, node, value == null ? "the database system is starting up" : null, true);
    }

    private CheckResult check() {
        History h = new History(new HistoryHeader("chaos-history/1", "t", "patroni", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
        return new ConvergenceChecker(Duration.ofSeconds(60)).check(h);
    }

    @Test
    void threeNodesReadingTheSameStateConverged() {
        op(1000, "nemesis", OpType.INFO, null, null, null, false);
        finalRead(1100, 100, "n1", List.of(1L, 2L));
        finalRead(1200, 101, "n2", List.of(1L));
        finalRead(1300, 102, "n3", List.of(2L, 1L));
        finalRead(1400, 103, "n2", List.of(1L, 2L)); // all agree at 1405
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(405L, r.details().get("converge-ms"));
    }

    @Test
    void aNodeThatNeverAnsweredTheProbeDidNotConvergeThoughTheOthersAgree() {
        op(1000, "nemesis", OpType.INFO, null, null, null, false);
        for (int round = 0; round < 3; round++) {
            finalRead(1100 + round * 300, 100 + round * 3, "n1", List.of(1L, 2L));
            finalRead(1200 + round * 300, 101 + round * 3, "n2", List.of(1L, 2L));
            finalRead(1300 + round * 300, 102 + round * 3, "n3", null);
        }
        CheckResult r = check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(Map.of("n3", "the database system is starting up"), r.details().get("unanswered"));
        assertTrue(r.summary().get(0).startsWith("NOT converged: n3 never answered the convergence probe"), r.summary().toString());
    }

    @Test
    void aNodeThatFailedSomeReadsButAnsweredLaterCounts() {
        op(1000, "nemesis", OpType.INFO, null, null, null, false);
        finalRead(1100, 100, "n1", List.of(1L));
        finalRead(1200, 101, "n2", List.of(1L));
        finalRead(1300, 102, "n3", null);
        finalRead(1600, 103, "n3", List.of(1L));
        assertEquals(Verdict.VALID, check().verdict());
    }
}
