package dev.chaos.checker.slo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/**
 * Given a hand-written run of 2,000 calls, 1 ms apart: 1,000 before a partition (all ok), 100
 * during it (5 fail), 900 after the heal (1 info); expect the budget per phase and a verdict on
 * the whole run.
 */
class ErrorBudgetTest {

    private final List<Op> ops = new ArrayList<>();
    private long process;

    private void call(long ms, OpType outcome) {
        ProcessId p = ProcessId.client(process++);
        ops.add(new Op(ops.size(), ms * 1_000_000, p, OpType.INVOKE, "add", null, ms, "n1", null, false));
        ops.add(new Op(ops.size(), ms * 1_000_000 + 500_000, p, outcome, "add", null, ms, "n1", null, false));
    }

    private void nemesis(long ms, String f, Object value) {
        ops.add(new Op(ops.size(), ms * 1_000_000, ProcessId.named("nemesis"), OpType.INFO, f, null, Values.canonical(value), null,
                null, false));
    }

    private History run() {
        ops.clear();
        process = 0;
        for (long t = 0; t < 1000; t++) {
            call(t, OpType.OK);
        }
        nemesis(1000, "start-partition", Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1")));
        for (long t = 1000; t < 1100; t++) {
            call(t, t % 20 == 0 ? OpType.FAIL : OpType.OK);
        }
        nemesis(1100, "stop-partition", null);
        nemesis(1100, "heal", null);
        for (long t = 1100; t < 2000; t++) {
            call(t, t == 1500 ? OpType.INFO : OpType.OK);
        }
        return new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
    }

    private static ErrorBudget.Phase phase(ErrorBudget b, String name) {
        return b.phases().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void eachPhaseSpendsItsOwnAllowanceAndAShareOfTheRuns() {
        ErrorBudget b = ErrorBudget.of(run(), 0.99);
        assertEquals(List.of("before", "during", "after"), b.phases().stream().map(ErrorBudget.Phase::name).toList());
        ErrorBudget.Phase during = phase(b, "during");
        assertEquals(100, during.calls());
        assertEquals(5, during.failed());
        assertEquals(1.0, during.allowed(), 1e-9);
        assertEquals(5.0, during.consumed(), 1e-9);   // five times its own allowance...
        assertEquals(0.25, during.share(), 1e-9);     // ...a quarter of the run's
        ErrorBudget.Phase after = phase(b, "after");
        assertEquals(1, after.indeterminate());
        assertEquals(9.0, after.allowed(), 1e-9);
        assertEquals(0.05, after.share(), 1e-9);
        assertEquals(0, phase(b, "before").bad());
        assertEquals(6, b.run().bad());
        assertEquals(20.0, b.run().allowed(), 1e-9);
        assertEquals(0.3, b.run().consumed(), 1e-9);
        assertTrue(b.withinBudget());
    }

    @Test
    void theRunIsInvalidOnlyWhenItOverspendsAsAWhole() {
        CheckResult within = new SloChecker(slo(0.99), Duration.ofSeconds(60)).check(run());
        assertEquals(Verdict.VALID, within.verdict(), within.summary().toString());
        CheckResult over = new SloChecker(slo(0.999), Duration.ofSeconds(60)).check(run());
        assertEquals(Verdict.INVALID, over.verdict());
        assertEquals("FAIL availability-objective: measured 0.997, must be >= 0.999 (error budget: 6 fail + info of 2.0 allowed,"
                + " 300% consumed)", over.summary().get(0));
        assertTrue(over.summary().contains("  budget during   100 calls, 5 fail + 0 info, 0.1 allowed: 5000% of its budget,"
                + " 250% of the run's"), over.summary().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> budget = (Map<String, Object>) over.details().get("error-budget");
        assertFalse((Boolean) budget.get("within-budget"));
        assertEquals(3.0, ((Map<?, ?>) budget.get("run")).get("consumed"));
    }

    @Test
    void exactlySpentIsWithin() {
        // 6 bad of 2,000 is 99.7 % available: an objective of 99.7 % allows exactly 6
        assertTrue(ErrorBudget.of(run(), 0.997).withinBudget());
        assertFalse(ErrorBudget.of(run(), 0.9971).withinBudget());
    }

    private static Slo slo(double objective) {
        return new Slo(null, null, null, null, null, null, objective);
    }
}
