package dev.chaos.checker.bank;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Jepsen's bank: every read totals the same, and no balance is negative. */
class BankCheckerTest {

    private final List<Op> ops = new ArrayList<>();

    private BankCheckerTest call(long p, String f, Object in, Object out) {
        ops.add(new Op(ops.size(), ops.size(), ProcessId.client(p), OpType.INVOKE, f, null, Values.canonical(in), null, null, false));
        ops.add(new Op(ops.size(), ops.size(), ProcessId.client(p), OpType.OK, f, null, Values.canonical(out), null, null, false));
        return this;
    }

    private BankCheckerTest transfer(long from, long to, long amount) {
        Map<String, Object> v = Map.of("from", from, "to", to, "amount", amount);
        return call(0, "transfer", v, v);
    }

    private BankCheckerTest read(long a, long b) {
        return call(1, "read", null, Map.of("0", a, "1", b));
    }

    private CheckResult check() {
        return new BankChecker().check(new History(HistoryHeader.imported("bank"), ops));
    }

    @Test
    void transfersThatKeepTheTotalAreValid() {
        CheckResult r = read(50, 50).transfer(0, 1, 10).read(40, 60).transfer(1, 0, 30).read(70, 30).check();
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(100L, r.details().get("total"));
    }

    @Test
    void aReadWithAnotherTotalIsInvalid() {
        CheckResult r = read(50, 50).transfer(0, 1, 10).read(50, 60).read(40, 60).check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(1L, r.details().get("wrong-total-count"));
        assertTrue(r.summary().get(1).contains("total 110, expected 100"), r.summary().toString());
    }

    @Test
    void aDriftingTotalIsMeasuredFromTheFirstRead() {
        CheckResult r = read(50, 50).read(60, 50).read(60, 50).read(70, 50).check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(100L, r.details().get("total"));
        assertEquals(3L, r.details().get("wrong-total-count"));
    }

    @Test
    void aNegativeBalanceIsInvalid() {
        CheckResult r = read(50, 50).transfer(0, 1, 60).read(-10, 110).check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(1L, r.details().get("negative-count"));
    }

    @Test
    void withoutReadsNothingIsKnown() {
        assertEquals(Verdict.UNKNOWN, transfer(0, 1, 1).check().verdict());
    }
}
