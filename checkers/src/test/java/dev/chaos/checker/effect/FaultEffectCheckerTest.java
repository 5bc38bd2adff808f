package dev.chaos.checker.effect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Given the proxy's counters as the run recorded them, expect valid only when every cut held and the heal healed. */
class FaultEffectCheckerTest {

    private final List<Op> ops = new ArrayList<>();

    private void nemesis(long ms, String f, Object value) {
        ops.add(new Op(ops.size(), ms * 1_000_000, ProcessId.NEMESIS, OpType.INFO, f, null, Values.canonical(value), null, null, false));
    }

    private History history() {
        return new History(new HistoryHeader("chaos-history/1", "t", "zookeeper", List.of("n1", "n2", "n3"), 1L, "", "test"), ops);
    }

    private static Map<String, Object> link(String cut, long forwarded, long dropped, long resets) {
        return Map.of("cut", cut, "forwarded", forwarded, "dropped", dropped, "resets", resets);
    }

    private void split(Map<String, Object> links) {
        nemesis(1000, "start-partition", Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1")));
        nemesis(9000, "effect-partition", Map.of("mode", "drop", "window-ms", 7000, "links", links));
        nemesis(9001, "stop-partition", null);
    }

    private void healCheck(List<String> toxics, List<String> disabled, Map<String, Object> flowed) {
        nemesis(10000, "heal", null);
        nemesis(13000, "heal-check", Map.of("toxics", toxics, "disabled", disabled, "window-ms", 3000, "flowed", flowed));
    }

    @Test
    void aCutThatForwardedNothingAndDroppedTrafficThenAHealThatLeftNothingIsValid() {
        split(Map.of("n2-to-n1-0", link("both", 0, 640, 0), "n1-to-n2-0", link("both", 0, 0, 0)));
        healCheck(List.of(), List.of(), Map.of("n2-to-n1-0", 5000, "n1-to-n2-0", 0));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertTrue(r.summary().get(1).contains("640 bytes dropped"), r.summary().toString());
        @SuppressWarnings("unchecked")
        Map<String, Object> heal = (Map<String, Object>) r.details().get("heal");
        assertEquals(List.of("n1-to-n2-0"), heal.get("quiet-links"), "a link quiet after the heal is listed, not judged");
    }

    @Test
    void bytesForwardedThroughACutMakeItInvalidAndNameTheLink() {
        split(Map.of("n2-to-n1-0", link("both", 0, 640, 0), "n3-to-n1-0", link("upstream", 1200, 0, 0)));
        healCheck(List.of(), List.of(), Map.of("n2-to-n1-0", 5000));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.summary().stream().anyMatch(s -> s.startsWith("DID NOT HOLD") && s.contains("n3-to-n1-0 forwarded 1200 bytes upstream")),
                r.summary().toString());
    }

    @Test
    void aCutWhoseToxicWasGoneBeforeTheStopSaysSo() {
        Map<String, Object> lifted = new java.util.LinkedHashMap<>(link("both", 156985, 548, 0));
        lifted.put("fault-on", false);
        Map<String, Object> held = new java.util.LinkedHashMap<>(link("both", 0, 640, 0));
        held.put("fault-on", true);
        split(Map.of("n2-to-n3-0", lifted, "n1-to-n3-0", held));
        healCheck(List.of(), List.of(), Map.of("n2-to-n3-0", 5000));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.summary().stream().anyMatch(s -> s.contains("n2-to-n3-0 forwarded 156985 bytes both while cut (its cut was gone")),
                r.summary().toString());
        assertTrue(r.summary().stream().noneMatch(s -> s.contains("n1-to-n3-0 forwarded")), r.summary().toString());
    }

    @Test
    void aToxicOrADisabledProxyLeftAfterTheHealIsInvalid() {
        split(Map.of("n2-to-n1-0", link("both", 0, 640, 0)));
        healCheck(List.of("n2-to-n1-0/chaos_blackhole_upstream"), List.of("n3-to-n1-0"), Map.of("n2-to-n1-0", 5000));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.INVALID, r.verdict());
        assertTrue(r.summary().contains("NOT HEALED: toxic n2-to-n1-0/chaos_blackhole_upstream after the final heal"), r.summary().toString());
        assertTrue(r.summary().contains("NOT HEALED: proxy n3-to-n1-0 disabled after the final heal"), r.summary().toString());
    }

    @Test
    void noByteOnAnyPeerLinkAfterTheHealIsInvalid() {
        split(Map.of("n2-to-n1-0", link("both", 0, 640, 0)));
        healCheck(List.of(), List.of(), Map.of("n2-to-n1-0", 0, "n1-to-n2-0", 0));
        assertEquals(Verdict.INVALID, new FaultEffectChecker().check(history()).verdict());
    }

    @Test
    void aCutNothingTriedToCrossProvesNothing() {
        split(Map.of("n1-to-n2-0", link("both", 0, 0, 0)));
        healCheck(List.of(), List.of(), Map.of("n1-to-n2-0", 10));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertTrue(r.summary().stream().anyMatch(s -> s.startsWith("unproven: partition at 9000 ms")), r.summary().toString());
    }

    @Test
    void aHistoryWithoutProxyCountersDoesNotApplyAndProvesNothingWhenAsked() {
        nemesis(1000, "start-partition", Map.of("n1", List.of("n2"), "n2", List.of("n1")));
        nemesis(5000, "stop-partition", null);
        FaultEffectChecker c = new FaultEffectChecker();
        assertFalse(c.appliesTo(history()));
        assertEquals(Verdict.UNKNOWN, c.check(history()).verdict());
    }

    @Test
    void aRejectingPartitionKeepsItsGrudgeForTheFaultWindows() {
        nemesis(1000, "start-partition", Map.of("mode", "reject", "grudge", Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"),
                "n3", List.of("n1"))));
        nemesis(5000, "effect-partition", Map.of("mode", "reject", "window-ms", 3000, "links", Map.of("n2-to-n1-0", link("both", 0, 0, 4))));
        nemesis(5001, "stop-partition", null);
        List<FaultWindows.Fault> w = FaultWindows.of(history());
        assertEquals(1, w.size());
        assertEquals(java.util.Set.of("n2", "n3"), w.get(0).majority());
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
    }

    private void clockSkew(Map<String, Object> set, Map<String, Object> seen) {
        nemesis(1000, "start-clock-skew", Map.of("offsets", set));
        nemesis(9000, "effect-clock-skew", Map.of("set", set, "seen", seen));
        nemesis(10000, "stop-clock-skew", Map.of("offsets", Map.of("n1", 0, "n2", 0)));
    }

    @Test
    void aClockSeenAtItsOffsetWhereItsNodeRunsHeld() {
        clockSkew(Map.of("n1", -42000, "n2", 23000), Map.of("n1", -42120, "n2", 22960));
        healCheck(List.of(), List.of(), Map.of("n1-to-n2-0", 100));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertTrue(r.summary().get(0).startsWith("0 link faults measured at the proxy, 1 clock fault seen where the nodes run"),
                r.summary().toString());
    }

    @Test
    void aClockSeenAtRealTimeDidNotHold() {
        clockSkew(Map.of("n1", -42000, "n2", 23000), Map.of("n1", -42010, "n2", 3));
        healCheck(List.of(), List.of(), Map.of("n1-to-n2-0", 100));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.INVALID, r.verdict(), r.summary().toString());
        assertTrue(r.summary().contains("DID NOT HOLD: clock-skew at 9000 ms: n2's clock was set 23000 ms off but seen 3 ms off"),
                r.summary().toString());
    }

    @Test
    void aClockNotSeenProvesNothing() {
        clockSkew(Map.of("n1", -42000, "n2", 23000), Map.of("n1", -41990));
        healCheck(List.of(), List.of(), Map.of("n1-to-n2-0", 100));
        CheckResult r = new FaultEffectChecker().check(history());
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.summary().toString());
        assertTrue(r.summary().contains("unproven: clock-skew at 9000 ms: the clock of n2 was not seen"), r.summary().toString());
    }
}
