package dev.chaos.api;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Given checker results, what a chaos test asserts and the failure message it shows. */
class ChaosResultTest {

    private static ChaosResult result(List<CheckResult> results) {
        return new ChaosResult("clean-split", "zookeeper", "local", 5, 42, Verdict.combine(results.stream().map(CheckResult::verdict).toList()),
                results, 1234, 61_000, Path.of("target/chaos-runs/T.m"), Path.of("target/chaos-runs/T.m/report.html"));
    }

    private static CheckResult lostSet(List<Long> lost) {
        return new CheckResult("set", Verdict.INVALID, List.of("900 adds (880 acknowledged, 20 unknown), 877 elements present",
                lost.size() + " acknowledged adds LOST: " + lost), Map.of("lost", lost, "lost-count", lost.size()));
    }

    private static CheckResult slo(boolean met) {
        return new CheckResult("slo", met ? Verdict.VALID : Verdict.INVALID,
                List.of((met ? "ok  " : "FAIL") + " failover-max: measured 12000 ms, must be <= 10000 ms"),
                Map.of("thresholds", List.of(Map.of("name", "failover-max", "threshold", 10000L, "measured", 12000L, "unit", "ms",
                        "valid", met))));
    }

    @Test
    void aValidRunPassesAndHasNoLostElements() {
        ChaosResult r = result(List.of(new CheckResult("set", Verdict.VALID, List.of("no acknowledged add lost"), Map.of("lost", List.of())),
                new CheckResult("convergence", Verdict.VALID, List.of("agreed"), Map.of())));
        assertDoesNotThrow(r::assertValid);
        assertEquals(List.of(), r.lostElements());
        assertEquals(Map.of("set", Verdict.VALID, "convergence", Verdict.VALID), r.verdicts());
    }

    @Test
    void lostWritesFailWithTheElementsTheFailedCheckersAndTheReport() {
        ChaosResult r = result(List.of(lostSet(List.of(17L, 230L, 231L)), slo(false),
                new CheckResult("convergence", Verdict.VALID, List.of("agreed"), Map.of())));
        AssertionError e = assertThrows(AssertionError.class, r::assertValid);
        String m = e.getMessage();
        assertTrue(m.startsWith("chaos clean-split on zookeeper (5 nodes, local, seed 42): INVALID"), m);
        assertTrue(m.contains("lost: 3 acknowledged writes missing from every final read: [17, 230, 231]"), m);
        assertTrue(m.contains("INVALID slo") && m.contains("FAIL failover-max: measured 12000 ms"), m);
        assertTrue(m.contains("valid: convergence"), m);
        assertTrue(m.contains("report.html") && m.contains(".seed(42)"), m);
        assertEquals(List.of(17L, 230L, 231L), r.lostElements());
        assertEquals(List.of(new SloFigure("failover-max", 10000L, 12000L, "ms", false, null)), r.slo());
    }

    @Test
    void aLongLossIsListedUpToFiftyElements() {
        List<Long> lost = LongStream.range(0, 120).boxed().toList();
        String m = assertThrows(AssertionError.class, () -> result(List.of(lostSet(lost))).assertValid()).getMessage();
        assertTrue(m.contains(", 49] and 70 more (results.json lists all)"), m);
    }

    @Test
    void aStaleReadFailsWithTheCounterexample() {
        // write 1 completes, then a read that begins after it returns the initial value: not linearizable
        List<Op> ops = new ArrayList<>();
        Object[][] steps = {{0L, OpType.INVOKE, "write", 1L}, {0L, OpType.OK, "write", 1L},
            {1L, OpType.INVOKE, "read", null}, {1L, OpType.OK, "read", 0L}};
        for (Object[] st : steps) {
            ops.add(new Op(ops.size(), ops.size() * 1000L, ProcessId.client((Long) st[0]), (OpType) st[1], (String) st[2], "r1", st[3],
                    "n1", null, false));
        }
        CheckResult lin = CheckerCatalog.create("linearizable", CheckOptions.defaults().withModel("register"))
                .check(new History(HistoryHeader.imported("test"), ops));
        ChaosResult r = result(List.of(lin));
        assertEquals(Verdict.INVALID, r.verdict(), lin.summary().toString());
        assertTrue(r.counterexample().isPresent(), lin.details().toString());
        String m = assertThrows(AssertionError.class, r::assertValid).getMessage();
        assertTrue(m.contains("INVALID linearizable") && m.contains("counterexample on key r1") && m.contains("cannot place"), m);
    }

    @Test
    void anUnknownVerdictFailsToo() {
        ChaosResult r = result(List.of(new CheckResult("linearizable", Verdict.UNKNOWN, List.of("search budget exhausted"), Map.of())));
        String m = assertThrows(AssertionError.class, r::assertValid).getMessage();
        assertTrue(m.contains("UNKNOWN linearizable") && m.contains("search budget exhausted"), m);
    }
}
