package dev.chaos.fault;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.fault.FaultWindows.Fault;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultWindowsTest {

    private final List<Op> ops = new ArrayList<>();

    private Op nemesis(long time, String f, Object value) {
        Op op = new Op(ops.size(), time, ProcessId.NEMESIS, OpType.INFO, f, null, value, null, null, false);
        ops.add(op);
        return op;
    }

    @Test
    void eachWindowNamesTheOpsThatOpenedAndClosedIt() {
        Op start = nemesis(1000, "start-cascading", List.of("n1"));
        Op step = nemesis(2000, "step-cascading", List.of("n1", "n2"));
        Op stop = nemesis(3000, "stop-cascading", null);
        Op kill = nemesis(4000, "start-kill", List.of("n3"));
        nemesis(5000, "stop-partition", null); // stops nothing
        List<Fault> faults = FaultWindows.of(new History(HistoryHeader.imported("t"), ops));

        assertEquals(3, faults.size());
        Fault first = faults.get(0);
        assertSame(start, first.from());
        assertSame(step, first.to());
        assertTrue(first.stepped());
        assertFalse(first.open());
        assertEquals(List.of("n1"), first.value());

        Fault grown = faults.get(1);
        assertSame(step, grown.from());
        assertSame(stop, grown.to());
        assertEquals(2000, grown.start());
        assertEquals(3000, grown.stop());
        assertFalse(grown.stepped());
        assertFalse(grown.open());

        Fault open = faults.get(2);
        assertSame(kill, open.from());
        assertNull(open.to());
        assertTrue(open.open());
        assertFalse(open.stepped());
        assertEquals(5000, open.stop()); // the history's end
    }

    @Test
    void aHealClosesEveryOpenFault() {
        nemesis(0, "start-partition", null);
        nemesis(10, "start-kill", List.of("n1"));
        Op heal = nemesis(20, "heal", null);
        List<Fault> faults = FaultWindows.of(new History(HistoryHeader.imported("t"), ops));
        assertEquals(List.of("partition", "kill"), faults.stream().map(Fault::kind).toList());
        faults.forEach(f -> assertSame(heal, f.to()));
    }

    @Test
    void aMemberChurnPairsItsStartAndStopAndItsMajorityIsTheMembersLeft() {
        HistoryHeader three = new HistoryHeader(HistoryHeader.FORMAT_V1, "member-churn", "etcd", List.of("n1", "n2", "n3"), 1L, null, "t");
        Op start = nemesis(1000, "start-member-churn", java.util.Map.of("nodes", List.of("n2"), "old-ids", java.util.Map.of("n2", "8e9e05c52164694d")));
        Op stop = nemesis(9000, "stop-member-churn",
                java.util.Map.of("nodes", List.of("n2"), "old-ids", java.util.Map.of("n2", "8e9e05c52164694d"), "new-ids", java.util.Map.of("n2", "91bc3c398fb3c146")));
        List<Fault> faults = FaultWindows.of(new History(three, ops));
        assertEquals(1, faults.size());
        Fault churn = faults.get(0);
        assertEquals("member-churn", churn.kind());
        assertSame(start, churn.from());
        assertSame(stop, churn.to());
        assertEquals(java.util.Set.of("n1", "n3"), churn.majority());
        assertTrue(churn.hasMajority());
    }

    @Test
    void aProceduresNodesAreVisitedInTurnAndMakeNoSides() {
        HistoryHeader three = new HistoryHeader(HistoryHeader.FORMAT_V1, "rolling-restart", "etcd", List.of("n1", "n2", "n3"), 1L, null, "t");
        nemesis(1000, "start-procedure", java.util.Map.of("name", "rolling-restart", "nodes", List.of("n1", "n2", "n3")));
        nemesis(9000, "stop-procedure", java.util.Map.of("name", "rolling-restart", "ok", true, "ms", 8000));
        Fault p = FaultWindows.of(new History(three, ops)).get(0);
        assertEquals("procedure", p.kind());
        assertNull(p.majority(), "every node counts during a procedure");
    }
}
