package dev.chaos.checker.txn;

import static dev.chaos.checker.txn.Txh.rv;
import static dev.chaos.checker.txn.Txh.w;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.CheckerCatalog;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each anomaly on the smallest rw-register history that shows it (unique values per key). */
class RwRegisterCheckerTest {

    static CheckResult check(History h, String model) {
        return CheckerCatalog.create("rw-register", CheckOptions.defaults().withConsistency(model)).check(h);
    }

    static List<?> types(CheckResult r) {
        return (List<?>) r.details().get("anomaly-types");
    }

    @Test
    void aSerialHistoryIsValid() {
        History h = new Txh()
                .txn(0, rv("x", null), w("x", 1))
                .txn(1, rv("x", 1L), w("x", 2), w("y", 1))
                .txn(2, rv("x", 2L), rv("y", 1L))
                .build();
        CheckResult r = check(h, "strict-serializable");
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(List.of(), types(r));
    }

    @Test
    void g1aAbortedRead() {
        History h = new Txh().failed(0, w("x", 1)).txn(1, rv("x", 1L)).build();
        CheckResult r = check(h, "read-committed");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G1a"), types(r));
    }

    @Test
    void g1bIntermediateRead() {
        History h = new Txh().invoke(0, w("x", 1), w("x", 2)).txn(1, rv("x", 1L)).ok(0, w("x", 1), w("x", 2)).build();
        CheckResult r = check(h, "read-committed");
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(types(r).contains("G1b"), types(r).toString());
    }

    @Test
    void g1cCircularInformationFlow() {
        History h = new Txh()
                .invoke(0, w("x", 1), rv("y", null))
                .invoke(1, w("y", 1), rv("x", null))
                .ok(0, w("x", 1), rv("y", 1L))
                .ok(1, w("y", 1), rv("x", 1L))
                .build();
        CheckResult r = check(h, "read-committed");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G1c"), types(r));
    }

    @Test
    void gSingleReadSkew() {
        History h = new Txh()
                .invoke(1, rv("x", null), rv("y", null))
                .txn(0, w("x", 1), w("y", 1))
                .ok(1, rv("x", null), rv("y", 1L))
                .build();
        assertEquals(Verdict.VALID, check(h, "read-committed").verdict());
        CheckResult r = check(h, "snapshot-isolation");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G-single"), types(r));
        String text = ListAppendCheckerTest.firstText(r, "G-single");
        assertTrue(text.contains("T0 read x = nil, before T1 wrote it (1)"), text);
    }

    @Test
    void g2ItemWriteSkew() {
        History h = new Txh()
                .invoke(0, rv("x", null), rv("y", null), w("x", 1))
                .invoke(1, rv("x", null), rv("y", null), w("y", 1))
                .ok(0, rv("x", null), rv("y", null), w("x", 1))
                .ok(1, rv("x", null), rv("y", null), w("y", 1))
                .build();
        assertEquals(Verdict.VALID, check(h, "snapshot-isolation").verdict());
        CheckResult r = check(h, "serializable");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G2-item"), types(r));
    }

    @Test
    void lostUpdate() {
        History h = new Txh()
                .txn(0, w("x", 1))
                .invoke(1, rv("x", null), w("x", 2))
                .invoke(2, rv("x", null), w("x", 3))
                .ok(1, rv("x", 1L), w("x", 2))
                .ok(2, rv("x", 1L), w("x", 3))
                .build();
        CheckResult r = check(h, "repeatable-read");
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(types(r).contains("lost-update"), types(r).toString());
        assertEquals(Verdict.VALID, check(h, "read-committed").verdict());
    }

    @Test
    void aNonRepeatableReadIsReadCommittedButNotRepeatableRead() {
        History h = new Txh()
                .invoke(0, rv("x", null), rv("x", null))
                .txn(1, w("x", 1))
                .ok(0, rv("x", null), rv("x", 1L))
                .build();
        assertEquals(Verdict.VALID, check(h, "read-committed").verdict());
        CheckResult r = check(h, "repeatable-read");
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of("G-single"), types(r));
        String text = ListAppendCheckerTest.firstText(r, "G-single");
        assertTrue(text.contains("T0 read x = nil and later 1, written by T1 in between"), text);
    }

    @Test
    void aReadOfAValueNobodyWroteIsInvalidEverywhere() {
        CheckResult r = check(new Txh().txn(0, w("x", 1)).txn(1, rv("x", 99L)).build(), "read-uncommitted");
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(types(r).contains("unwritten-read"), types(r).toString());
    }

    @Test
    void internalInconsistency() {
        History h = new Txh().txn(0, w("x", 1), rv("x", 2L)).txn(1, w("x", 2)).build();
        CheckResult r = check(h, "read-uncommitted");
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(types(r).contains("internal"), types(r).toString());
    }
}
