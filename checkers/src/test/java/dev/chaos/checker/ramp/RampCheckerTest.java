package dev.chaos.checker.ramp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-written ramps of 1 s steps at 100, 200 and 300 ops/s, judged by p99 <= 50 ms and an error
 * rate <= 0.1: each step's calls are those whose intended start falls in it.
 */
class RampCheckerTest {

    private static final long MS = 1_000_000;
    private final List<Op> ops = new ArrayList<>();
    private long process;

    private void step(long k, double rate) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("step", k);
        v.put("rate", rate);
        v.put("from-ms", k * 1000);
        v.put("every-ms", 1000L);
        v.put("p99-latency-max-ms", 50L);
        v.put("error-rate-max", 0.1);
        ops.add(new Op(ops.size(), k * 1000 * MS, ProcessId.named("load"), OpType.INFO, "ramp-step", null, Values.canonical(v),
                null, null, false));
    }

    /** {@code n} calls meant to start from {@code fromMs}, each taking {@code tookMs}; {@code failing} of them fail. */
    private void calls(long fromMs, int n, long tookMs, int failing) {
        for (int i = 0; i < n; i++) {
            ProcessId p = ProcessId.client(process++);
            long slot = fromMs + i;
            ops.add(new Op(ops.size(), slot * MS, p, OpType.INVOKE, "add", null, slot, "n1", null, false, slot * MS));
            ops.add(new Op(ops.size(), (slot + tookMs) * MS, p, i < failing ? OpType.FAIL : OpType.OK, "add", null, slot, "n1",
                    null, false));
        }
    }

    private CheckResult check() {
        ops.sort((a, b) -> Long.compare(a.time(), b.time()));
        List<Op> indexed = new ArrayList<>();
        for (Op op : ops) {
            indexed.add(op.withIndex(indexed.size()));
        }
        return new RampChecker().check(new History(new HistoryHeader("chaos-history/1", "ramp", "x", List.of("n1"), 1L, "", "t"),
                indexed));
    }

    @Test
    void theBreakingPointIsTheHighestStepThatHeldWithEveryLaterOneBroken() {
        step(0, 100);
        calls(0, 100, 5, 0);
        step(1, 200);
        calls(1000, 200, 10, 5);
        step(2, 300);
        calls(2000, 300, 80, 0); // p99 80 ms > 50 ms
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals(200.0, r.details().get("breaking-point"));
        assertTrue(r.summary().get(0).startsWith("breaking point 200 ops/s"), r.summary().get(0));
        assertTrue(r.summary().get(0).contains("at 300 ops/s p99 80."), r.summary().get(0));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> rows = (List<Map<String, Object>>) r.details().get("steps");
        assertEquals(List.of(100L, 200L, 300L), rows.stream().map(m -> ((Number) m.get("calls")).longValue()).toList());
        assertEquals(List.of(true, true, false), rows.stream().map(m -> m.get("held")).toList());
    }

    @Test
    void anErrorRateOverTheThresholdBreaksAStep() {
        step(0, 100);
        calls(0, 100, 5, 0);
        step(1, 200);
        calls(1000, 200, 5, 30); // 15 % errors
        CheckResult r = check();
        assertEquals(100.0, r.details().get("breaking-point"));
        assertTrue(r.summary().get(0).contains("error rate 0.1500 > 0.1"), r.summary().get(0));
    }

    @Test
    void everyStepHeldSaysTheBreakingPointIsHigher() {
        step(0, 100);
        calls(0, 100, 5, 0);
        step(1, 200);
        calls(1000, 200, 5, 0);
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict());
        assertTrue(r.summary().get(0).startsWith("held every step, up to 200 ops/s"), r.summary().get(0));
    }

    @Test
    void aFirstStepThatBrokeIsUnknownWithNoBreakingPoint() {
        step(0, 100);
        calls(0, 100, 500, 0);
        CheckResult r = check();
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertNull(r.details().get("breaking-point"));
        assertTrue(r.summary().get(0).contains("start the ramp lower"), r.summary().get(0));
    }

    @Test
    void aStepThatBrokeBelowOneThatHeldIsABlipNotTheBreakingPoint() {
        step(0, 100);
        calls(0, 100, 80, 0); // a cold first step: p99 80 ms
        step(1, 200);
        calls(1000, 200, 5, 0);
        step(2, 300);
        calls(2000, 300, 5, 0);
        step(3, 400);
        calls(3000, 400, 90, 0);
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict());
        assertEquals(300.0, r.details().get("breaking-point"));
        @SuppressWarnings("unchecked")
        List<String> blips = (List<String>) r.details().get("blips");
        assertEquals(1, blips.size(), blips.toString());
        assertTrue(blips.get(0).startsWith("100 ops/s (p99 80."), blips.toString());
        assertTrue(r.summary().get(0).startsWith("breaking point 300 ops/s"), r.summary().get(0));
        assertTrue(r.summary().get(0).contains("; at 400 ops/s p99 90."), r.summary().get(0));
        assertTrue(r.summary().get(0).contains("broke but a higher step held after: 100 ops/s (p99 80."), r.summary().get(0));
    }

    @Test
    void noStepHeldIsUnknown() {
        step(0, 100);
        calls(0, 100, 80, 0);
        step(1, 200);
        calls(1000, 200, 90, 0);
        CheckResult r = check();
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertNull(r.details().get("breaking-point"));
        assertTrue(r.summary().get(0).startsWith("no step held, from the first (100 ops/s"), r.summary().get(0));
    }
}
