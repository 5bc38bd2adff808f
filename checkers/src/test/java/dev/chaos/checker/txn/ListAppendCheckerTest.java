package dev.chaos.checker.txn;

import static dev.chaos.checker.txn.Txh.append;
import static dev.chaos.checker.txn.Txh.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each anomaly on the smallest list-append history that shows it, after Adya's definitions. */
class ListAppendCheckerTest {

    static CheckResult check(History h, String model) {
        return CheckerCatalog.create("list-append", CheckOptions.defaults().withConsistency(model)).check(h);
    }

    static List<?> types(CheckResult r) {
        return (List<?>) r.details().get("anomaly-types");
    }

    @Test
    void aSerialHistoryIsValidEvenStrictly() {
        History h = new Txh()
                .txn(0, append("x", 1))
                .txn(1, r("x", 1), append("x", 2), append("y", 1))
                .txn(2, r("x", 1, 2), r("y", 1))
                .build();
        CheckResult r = check(h, "strict-serializable");
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(List.of(), types(r));
        assertEquals(0L, ((Number) r.details().get("failed")).longValue());
    }

    @Test
    void g0WriteCycle() {
        History h = new Txh()
                .invoke(0, append("x", 1), append("y", 1))
                .invoke(1, append("x", 2), append("y", 2))
                .ok(0, append("x", 1), append("y", 1))
                .ok(1, append("x", 2), append("y", 2))
                .txn(2, r("x", 1, 2), r("y", 2, 1))
                .build();
        CheckResult r = check(h, "read-uncommitted");
        assertEquals(Verdict.INVALID, r.verdict(), r.summary().toString());
        assertEquals(List.of("G0"), types(r));
        assertEquals(List.of("read-uncommitted"), r.details().get("weakest-violated"));
        String text = firstText(r, "G0");
        assertTrue(text.contains("appended 1 to x, and T1 appended 2 right after it"), text);
    }

    @Test
    void g1aAbortedRead() {
        History h = new Txh().failed(0, append("x", 1)).txn(1, r("x", 1)).build();
        assertEquals(Verdict.VALID, check(h, "read-uncommitted").verdict());
        CheckResult r = check(h, "read-committed");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G1a"), types(r));
        assertTrue(firstText(r, "G1a").contains("failed"), firstText(r, "G1a"));
    }

    @Test
    void g1bIntermediateRead() {
        History h = new Txh()
                .invoke(0, append("x", 1), append("x", 2))
                .txn(1, r("x", 1))
                .ok(0, append("x", 1), append("x", 2))
                .txn(2, r("x", 1, 2))
                .build();
        CheckResult r = check(h, "read-committed");
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(types(r).contains("G1b"), types(r).toString());
    }

    @Test
    void g1cCircularInformationFlow() {
        History h = new Txh()
                .invoke(0, append("x", 1), r("y"))
                .invoke(1, append("y", 1), r("x"))
                .ok(0, append("x", 1), r("y", 1))
                .ok(1, append("y", 1), r("x", 1))
                .build();
        CheckResult r = check(h, "read-committed");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G1c"), types(r));
        String text = firstText(r, "G1c");
        assertTrue(text.contains("which T1 read") && text.contains("which T0 read") && text.endsWith("a cycle."), text);
    }

    @Test
    void gSingleReadSkewIsAllowedByReadCommittedOnly() {
        History h = new Txh()
                .invoke(1, r("x"), r("y"))
                .txn(0, append("x", 1), append("y", 1))
                .ok(1, r("x"), r("y", 1))
                .build();
        assertEquals(Verdict.VALID, check(h, "read-committed").verdict());
        for (String model : List.of("repeatable-read", "snapshot-isolation", "serializable")) {
            CheckResult r = check(h, model);
            assertEquals(Verdict.INVALID, r.verdict(), model);
            assertEquals(List.of("G-single"), types(r));
        }
        String text = firstText(check(h, "serializable"), "G-single");
        assertTrue(text.startsWith("T0 read x = [], without T1's append of 1; T1 appended 1 to y, which T0 read."), text);
    }

    @Test
    void g2ItemWriteSkewIsAllowedBySnapshotIsolation() {
        History h = new Txh()
                .invoke(0, r("x"), r("y"), append("x", 1))
                .invoke(1, r("x"), r("y"), append("y", 1))
                .ok(0, r("x"), r("y"), append("x", 1))
                .ok(1, r("x"), r("y"), append("y", 1))
                .txn(2, r("x", 1), r("y", 1))
                .build();
        assertEquals(Verdict.VALID, check(h, "snapshot-isolation").verdict());
        CheckResult r = check(h, "serializable");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G2-item"), types(r));
        assertEquals(Verdict.INVALID, check(h, "repeatable-read").verdict());
        List<?> cycle = (List<?>) ((Map<?, ?>) examples(r, "G2-item").get(0)).get("cycle");
        assertEquals(2, cycle.size());
        assertTrue(cycle.stream().allMatch(s -> ((Map<?, ?>) s).get("type").equals("rw")));
    }

    @Test
    void lostUpdate() {
        History h = new Txh()
                .invoke(0, r("x"), append("x", 1))
                .invoke(1, r("x"), append("x", 2))
                .ok(0, r("x"), append("x", 1))
                .ok(1, r("x"), append("x", 2))
                .txn(2, r("x", 1, 2))
                .build();
        assertEquals(Verdict.VALID, check(h, "read-committed").verdict());
        CheckResult r = check(h, "snapshot-isolation");
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(types(r).contains("lost-update") && types(r).contains("G-single"), types(r).toString());
    }

    @Test
    void internalInconsistency() {
        History h = new Txh().txn(0, append("x", 1), r("x")).build();
        CheckResult r = check(h, "read-uncommitted");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("internal"), types(r));
    }

    @Test
    void aNonRepeatableReadIsReadCommittedButNotRepeatableRead() {
        History h = new Txh()
                .invoke(0, r("x"), append("y", 1), r("x"))
                .txn(1, append("x", 1))
                .ok(0, r("x"), append("y", 1), r("x", 1))
                .build();
        CheckResult rc = check(h, "read-committed");
        assertEquals(Verdict.VALID, rc.verdict(), rc.summary().toString());
        CheckResult rr = check(h, "repeatable-read");
        assertEquals(Verdict.INVALID, rr.verdict());
        assertEquals(List.of("G-single"), types(rr));
    }

    @Test
    void ownAppendsOnTopOfANewerVersionAreNotInternal() {
        History h = new Txh()
                .invoke(0, r("x"), append("x", 2), r("x"))
                .txn(1, append("x", 1))
                .ok(0, r("x"), append("x", 2), r("x", 1, 2))
                .build();
        CheckResult rc = check(h, "read-committed");
        assertEquals(Verdict.VALID, rc.verdict(), rc.summary().toString());
        assertTrue(types(check(h, "snapshot-isolation")).contains("G-single"));
    }

    @Test
    void aReadOfAnElementNobodyAppendedIsInvalidEverywhere() {
        History h = new Txh().txn(0, append("x", 1)).txn(1, r("x", 1, 99)).build();
        CheckResult r = check(h, "read-uncommitted");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("unwritten-read"), types(r));
        assertTrue(firstText(r, "unwritten-read").contains("with 99, which no transaction appended"), firstText(r, "unwritten-read"));
    }

    @Test
    void duplicateElements() {
        History h = new Txh().txn(0, append("x", 1)).txn(1, r("x", 1, 1)).build();
        CheckResult r = check(h, "read-uncommitted");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("duplicate-elements"), types(r));
    }

    @Test
    void incompatibleOrders() {
        History h = new Txh()
                .txn(0, append("x", 1)).txn(1, append("x", 2))
                .txn(2, r("x", 1, 2)).txn(3, r("x", 2, 1))
                .build();
        CheckResult r = check(h, "read-uncommitted");
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(types(r).contains("incompatible-order"), types(r).toString());
    }

    @Test
    void aStaleReadAfterTheWriteCompletedIsOnlyNotStrict() {
        History h = new Txh().txn(0, append("x", 1)).txn(1, r("x")).txn(2, r("x", 1)).build();
        assertEquals(Verdict.VALID, check(h, "serializable").verdict());
        CheckResult r = check(h, "strict-serializable");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G-single-realtime"), types(r));
        assertTrue(firstText(r, "G-single-realtime").contains("T0 completed before T2 began"), firstText(r, "G-single-realtime"));
    }

    @Test
    void aStaleReadOnTheSameProcessBreaksSessions() {
        History h = new Txh().txn(0, append("x", 1)).txn(0, r("x")).txn(1, r("x", 1)).build();
        CheckResult r = check(h, "strong-session-serializable");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G-single-process"), types(r));
    }

    @Test
    void indeterminateAppendsThatWereReadCommitted() {
        History h = new Txh()
                .invoke(0, append("x", 1))
                .complete(0, dev.chaos.history.OpType.INFO, append("x", 1))
                .txn(1, r("x", 1), append("x", 2))
                .txn(2, r("x", 1, 2))
                .build();
        CheckResult r = check(h, "strict-serializable");
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(1L, ((Number) r.details().get("unknown")).longValue());
    }

    @Test
    void malformedMicroOpsAreNamedNotGuessed() {
        History h = new Txh().add(0, dev.chaos.history.OpType.INVOKE, dev.chaos.history.Values.list(
                dev.chaos.history.Values.list("append", "x"))).build();
        CheckResult r = check(h, "serializable");
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.summary().get(1).contains("op 0, micro-op 0"), r.summary().toString());
    }

    @Test
    void anUnknownModelIsRefusedWithTheKnownOnes() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> check(new Txh().build(), "linearizable"));
        assertTrue(e.getMessage().contains("snapshot-isolation"), e.getMessage());
    }

    static List<?> examples(CheckResult r, String anomaly) {
        return (List<?>) ((Map<?, ?>) ((Map<?, ?>) r.details().get("anomalies")).get(anomaly)).get("examples");
    }

    static String firstText(CheckResult r, String anomaly) {
        return (String) ((Map<?, ?>) examples(r, anomaly).get(0)).get("text");
    }
}
