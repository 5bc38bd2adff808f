package dev.chaos.checker.procedure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckResult;
import dev.chaos.checker.Verdict;
import dev.chaos.fault.FaultWindows;
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

/** Given the nemesis ops of a procedure, expect valid only when every step exited 0 and it finished. */
class ProcedureCheckerTest {

    private final List<Op> ops = new ArrayList<>();

    private void nemesis(long ms, String f, Object value) {
        ops.add(new Op(ops.size(), ms * 1_000_000, ProcessId.NEMESIS, OpType.INFO, f, null, Values.canonical(value), null, null, false));
    }

    private History history() {
        return new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
    }

    private void step(long from, long to, String node, String action, int exit) {
        nemesis(from, "begin-step", Map.of("node", node, "action", action));
        nemesis(to, "end-step", Map.of("node", node, "action", action, "exit", exit, "ms", to - from));
    }

    @Test
    void everyStepAtExitZeroIsValidAndTheProcedureIsAFaultWindow() {
        nemesis(1000, "start-procedure", Map.of("name", "rolling-restart", "nodes", List.of("n1", "n2")));
        step(1000, 1500, "n1", "stop", 0);
        step(1500, 4000, "n1", "wait-healthy", 0);
        step(4000, 4200, "n2", "stop", 0);
        step(4200, 9000, "n2", "wait-healthy", 0);
        nemesis(9000, "stop-procedure", Map.of("name", "rolling-restart", "ok", true, "ms", 8000));
        nemesis(12000, "heal", null);
        CheckResult r = new ProcedureChecker().check(history());
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertTrue(r.summary().get(0).contains("slowest wait-healthy 4800 ms"), r.summary().toString());
        List<FaultWindows.Fault> windows = FaultWindows.of(history());
        assertEquals(1, windows.size());
        assertEquals("procedure", windows.get(0).kind());
        assertEquals(8000, (windows.get(0).stop() - windows.get(0).start()) / 1_000_000);
        assertEquals(null, windows.get(0).majority(), "every node counts during a procedure");
    }

    @Test
    void aFailingStepMakesItInvalidAndNamesTheStep() {
        nemesis(1000, "start-procedure", Map.of("name", "upgrade", "nodes", List.of("n1")));
        nemesis(1000, "begin-step", Map.of("node", "n1", "action", "run", "command", "./upgrade.sh"));
        nemesis(3000, "end-step", Map.of("node", "n1", "action", "run", "command", "./upgrade.sh", "exit", 3, "ms", 2000));
        nemesis(3000, "stop-procedure", Map.of("name", "upgrade", "ok", false, "ms", 2000));
        CheckResult r = new ProcedureChecker().check(history());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.summary().get(0).contains("FAILED at step run n1 './upgrade.sh' (exit 3)"), r.summary().toString());
    }

    @Test
    void aProcedureThatNeverFinishedIsInvalid() {
        nemesis(1000, "start-procedure", Map.of("name", "rolling-restart", "nodes", List.of("n1")));
        step(1000, 1500, "n1", "stop", 0);
        nemesis(2000, "heal", null);
        CheckResult r = new ProcedureChecker().check(history());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.summary().get(0).contains("did not finish"), r.summary().toString());
    }
}
