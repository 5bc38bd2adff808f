package dev.chaos.checker.txn;

import static dev.chaos.checker.txn.Txh.append;
import static dev.chaos.checker.txn.Txh.r;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.history.History;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Budgets turn into unknown with what was proven, never into a wrong verdict. */
class TxnBudgetTest {

    /** Read skew (G-single) plus an aborted read (G1a). */
    static History skewAndAbortedRead() {
        return new Txh()
                .invoke(1, r("x"), r("y"))
                .txn(0, append("x", 1), append("y", 1))
                .ok(1, r("x"), r("y", 1))
                .failed(2, append("z", 9))
                .txn(3, r("z", 9))
                .build();
    }

    static CheckResult check(History h, String model, Duration time, long memory) {
        return new ListAppendChecker(new CheckOptions(null, time, memory).withConsistency(model)).check(h);
    }

    @Test
    void withoutMemoryForTheGraphCyclesAreUnknown() {
        CheckResult r = check(skewAndAbortedRead(), "serializable", Duration.ofMinutes(1), 10);
        assertEquals(Verdict.INVALID, r.verdict(), "the aborted read is proven without the graph: " + r.summary());
        CheckResult snapshot = check(skewAndAbortedRead(), "read-uncommitted", Duration.ofMinutes(1), 10);
        assertEquals(Verdict.UNKNOWN, snapshot.verdict(), "G0 could not be ruled out: " + snapshot.summary());
        assertTrue(((Map<?, ?>) snapshot.details().get("unfinished")).get("cycles").toString().contains("more than the memory limit"),
                snapshot.details().toString());
    }

    @Test
    void pastTheTimeLimitCyclesAreUnknown() {
        History h = new Txh()
                .invoke(1, r("x"), r("y"))
                .txn(0, append("x", 1), append("y", 1))
                .ok(1, r("x"), r("y", 1))
                .build();
        CheckResult r = check(h, "serializable", Duration.ofNanos(-1_000_000_000L), 1L << 30);
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.summary().toString());
        assertTrue(r.summary().get(0).startsWith("undecided for serializable"), r.summary().toString());
        assertEquals(Verdict.INVALID, check(h, "serializable", Duration.ofMinutes(1), 1L << 30).verdict(), "with time, the G-single is found");
    }
}
