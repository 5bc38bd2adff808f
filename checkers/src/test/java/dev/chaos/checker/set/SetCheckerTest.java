package dev.chaos.checker.set;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.junit.jupiter.api.Test;

/** Given adds and reads, expect exactly these elements lost, unexpected, recovered. */
class SetCheckerTest {

    private final List<Op> ops = new ArrayList<>();
    private long next = 100;

    private void call(String f, String key, Object in, OpType outcome, Object out, boolean fin, String node) {
        ProcessId p = ProcessId.client(next++);
        ops.add(new Op(ops.size(), ops.size(), p, OpType.INVOKE, f, key, Values.canonical(in), node, null, fin));
        ops.add(new Op(ops.size(), ops.size(), p, outcome, f, key, Values.canonical(out), node, null, fin));
    }

    private CheckResult check() {
        return new SetChecker().check(new History(HistoryHeader.imported("t"), ops));
    }

    @Test
    void acknowledgedAddMissingFromTheFinalReadsIsLost() {
        call("add", "s0", 1L, OpType.OK, 1L, false, "n1");
        call("add", "s0", 2L, OpType.OK, 2L, false, "n1");
        call("add", "s0", 3L, OpType.INFO, null, false, "n1");
        call("add", "s0", 4L, OpType.INFO, null, false, "n1");
        call("read", null, null, OpType.OK, List.of(1L, 3L), true, "n1");
        call("read", null, null, OpType.OK, List.of(1L, 3L), true, "n2");
        CheckResult r = check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of(2L), r.details().get("lost"));
        assertEquals(List.of(3L), r.details().get("recovered"));
        assertEquals(List.of(), r.details().get("unexpected"));
    }

    @Test
    void allPresentIsValidAndStaleReadsArePerKey() {
        call("add", "s0", 1L, OpType.OK, 1L, false, "n1");
        call("add", "s1", 501L, OpType.OK, 501L, false, "n1");
        call("read", "s1", null, OpType.OK, List.of(501L), false, "n2"); // lacks 1, but 1 is in s0: not stale
        call("read", "s0", null, OpType.OK, List.of(), false, "n2");     // lacks acknowledged 1: stale
        call("read", null, null, OpType.OK, List.of(1L, 501L), true, "n1");
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(1L, r.details().get("stale-reads"));
    }

    @Test
    void unexpectedAndFailedButPresentAreInvalid() {
        call("add", "s0", 1L, OpType.FAIL, null, false, "n1");
        call("read", null, null, OpType.OK, List.of(1L, 9L), true, "n1");
        CheckResult r = check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals(List.of(9L), r.details().get("unexpected"));
        assertEquals(List.of(1L), r.details().get("failed-but-present"));
    }

    @Test
    void withoutFinalReadsAnAddAcknowledgedAfterTheLastReadIsUnverifiedNotLost() {
        call("add", "s0", 1L, OpType.OK, 1L, false, "n1");
        call("read", "s0", null, OpType.OK, List.of(1L), false, "n1");
        call("add", "s0", 2L, OpType.OK, 2L, false, "n1"); // an interrupted run: never read
        CheckResult r = check();
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.summary().toString());
        assertEquals(List.of(2L), r.details().get("unread"));
        assertEquals(List.of(), r.details().get("lost"));
    }

    @Test
    void withoutFinalReadsTheLastReadOfEachKeyIsTheFinalState() {
        call("add", "s0", 1L, OpType.OK, 1L, false, "n1");
        call("add", "s1", 501L, OpType.OK, 501L, false, "n1");
        call("read", "s0", null, OpType.OK, List.of(1L), false, "n1");
        call("read", "s1", null, OpType.OK, List.of(), false, "n1");
        CheckResult r = check();
        assertEquals(List.of(501L), r.details().get("lost"));
    }
}
