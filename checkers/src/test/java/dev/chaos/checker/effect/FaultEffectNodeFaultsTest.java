package dev.chaos.checker.effect;

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

/** A schedule of node faults only (member-churn, kill) cuts no link: the checker judges the heal and nothing else. */
class FaultEffectNodeFaultsTest {

    private final List<Op> ops = new ArrayList<>();

    private void nemesis(long ms, String f, Object value) {
        ops.add(new Op(ops.size(), ms * 1_000_000, ProcessId.NEMESIS, OpType.INFO, f, null, Values.canonical(value), null, null, false));
    }

    private History history() {
        return new History(new HistoryHeader("chaos-history/1", "member-churn", "etcd", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
    }

    private void churnThenHeal(Map<String, Object> flowed) {
        nemesis(4000, "start-member-churn", Map.of("nodes", List.of("n2"), "old-ids", Map.of("n2", "5730c415a94793af")));
        nemesis(16000, "stop-member-churn", Map.of("nodes", List.of("n2"), "old-ids", Map.of("n2", "5730c415a94793af"),
                "new-ids", Map.of("n2", "e74e101530e5cc07")));
        nemesis(33000, "heal", null);
        nemesis(40000, "heal-check", Map.of("toxics", List.of(), "disabled", List.of(), "window-ms", 6761, "flowed", flowed));
    }

    @Test
    void aMemberChurnWithAHealThatLeftTrafficMovingIsValidNotUnknown() {
        churnThenHeal(Map.of("n1-to-n2-0", 102347, "n2-to-n1-0", 64836));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertTrue(r.summary().stream().anyMatch(s -> s.startsWith("no link fault to prove")), r.summary().toString());
        assertTrue(r.summary().stream().noneMatch(s -> s.contains("every fault held")), "no claim about cuts that were never made");
    }

    @Test
    void aMemberChurnAfterWhichNoPeerLinkCarriedAByteIsInvalid() {
        churnThenHeal(Map.of("n1-to-n2-0", 0, "n2-to-n1-0", 0));
        assertEquals(Verdict.INVALID, new FaultEffectChecker().check(history()).verdict());
    }
}
