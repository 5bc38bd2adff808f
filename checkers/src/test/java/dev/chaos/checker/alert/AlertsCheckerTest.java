package dev.chaos.checker.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-written histories of a monitored run: the monitor expects EtcdNoLeader within 10 s of each
 * partition; the nemesis partitions at 5 s (held 10 s); the alerts fire (or not) at the times given.
 */
class AlertsCheckerTest {

    private static final long S = 1_000_000_000L;
    private static final ProcessId MONITOR = ProcessId.named("monitor");
    private final List<Op> ops = new ArrayList<>();

    private void at(double seconds, ProcessId who, String f, Object value) {
        ops.add(new Op(ops.size(), (long) (seconds * S), who, OpType.INFO, f, null, Values.canonical(value), null, null, false));
    }

    private void expect(String alert, String during, long withinMs) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("alert", alert);
        e.put("during", during);
        e.put("within-ms", withinMs);
        at(0, MONITOR, "monitor-start", Map.of("expect", List.of(e), "rules", "rules.yml"));
    }

    private void partition(double from, double to) {
        at(from, ProcessId.NEMESIS, "start-partition", Map.of("n1", List.of("n2", "n3"), "n2", List.of("n1"), "n3", List.of("n1")));
        at(to, ProcessId.NEMESIS, "stop-partition", null);
    }

    private void alert(double at, String state, String alert, String node) {
        at(at, MONITOR, "alert-" + state, Map.of("alert", alert, "labels", Map.of("node", node, "job", "etcd"), "active-at", ""));
    }

    private void stop(double at) {
        at(at, MONITOR, "monitor-stop", Map.of("polls", 100L, "failed-polls", 0L, "firing", List.of()));
    }

    private CheckResult check() {
        ops.sort((a, b) -> Long.compare(a.time(), b.time()));
        List<Op> indexed = new ArrayList<>();
        for (Op op : ops) {
            indexed.add(op.withIndex(indexed.size()));
        }
        History h = new History(new HistoryHeader("chaos-history/1", "alert", "etcd", List.of("n1", "n2", "n3"), 1L, "", "t"), indexed);
        return new AlertsChecker().check(h);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> row(CheckResult r, int i) {
        return ((List<Map<String, Object>>) r.details().get("expected")).get(i);
    }

    @Test
    void anAlertThatFiresWithinItsDeadlineIsValidWithItsTimeToDetection() {
        expect("EtcdNoLeader", "partition", 10_000);
        partition(5, 15);
        alert(6.5, "pending", "EtcdNoLeader", "n1");
        alert(7.25, "firing", "EtcdNoLeader", "n1");
        alert(16, "resolved", "EtcdNoLeader", "n1");
        stop(30);
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals("in-time", row(r, 0).get("outcome"));
        assertEquals(2250L, row(r, 0).get("detection-ms"));
        assertEquals("EtcdNoLeader during partition at 5.0 s: fired after 2.3 s (within 10.0 s)", r.summary().get(0));
    }

    @Test
    void anAlertThatNeverFiresWhileTheMonitorWatchedPastItsDeadlineIsInvalid() {
        expect("EtcdNoLeader", "partition", 10_000);
        partition(5, 15);
        alert(6, "firing", "SomethingElse", "n1"); // another alert does not count
        stop(30);
        CheckResult r = check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("missed", row(r, 0).get("outcome"));
        assertTrue(r.summary().get(0).startsWith("EtcdNoLeader never fired during partition at 5.0 s"), r.summary().get(0));
    }

    @Test
    void pendingIsNotFiring() {
        expect("EtcdNoLeader", "partition", 10_000);
        partition(5, 15);
        alert(6, "pending", "EtcdNoLeader", "n1");
        alert(15.5, "resolved", "EtcdNoLeader", "n1");
        stop(30);
        assertEquals(Verdict.INVALID, check().verdict());
    }

    @Test
    void anAlertThatFiresAfterItsDeadlineIsInvalidAndSaysHowLate() {
        expect("EtcdNoLeader", "partition", 10_000);
        partition(5, 25);
        alert(19, "firing", "EtcdNoLeader", "n1");
        stop(40);
        CheckResult r = check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("late", row(r, 0).get("outcome"));
        assertEquals("EtcdNoLeader during partition at 5.0 s: fired after 14.0 s > 10.0 s", r.summary().get(0));
    }

    @Test
    void aDeadlinePastTheMonitorsEndIsNotJudged() {
        expect("EtcdNoLeader", "partition", 60_000);
        partition(5, 15);
        stop(25);
        CheckResult r = check();
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertEquals("not-judged", row(r, 0).get("outcome"));
    }

    @Test
    void everyOccurrenceMustBeDetected() {
        expect("EtcdNoLeader", "partition", 5_000);
        partition(5, 10);
        partition(20, 25);
        alert(6, "firing", "EtcdNoLeader", "n1");
        alert(11, "resolved", "EtcdNoLeader", "n1");
        stop(40);
        CheckResult r = check();
        assertEquals(Verdict.INVALID, r.verdict());
        assertEquals("in-time", row(r, 0).get("outcome"));
        assertEquals("missed", row(r, 1).get("outcome"));
    }

    @Test
    void anAlertStillFiringFromAnEarlierFaultCountsAsDetected() {
        expect("EtcdNoLeader", "partition", 5_000);
        partition(5, 10);
        partition(12, 18);
        alert(6, "firing", "EtcdNoLeader", "n1");
        alert(13, "resolved", "EtcdNoLeader", "n1");
        stop(40);
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals("in-time", row(r, 1).get("outcome"));
        assertEquals("still firing since the fault at 5000 ms", row(r, 1).get("note"));
    }

    @Test
    void anAlertFiringSinceBeforeAnyFaultProvesNothingAboutTheFault() {
        expect("EtcdNoLeader", "partition", 5_000);
        alert(0.5, "firing", "EtcdNoLeader", "n3"); // a rule that is always true
        partition(20, 25);
        stop(40);
        CheckResult r = check();
        assertEquals(Verdict.UNKNOWN, r.verdict(), r.summary().toString());
        assertEquals("already-firing", row(r, 0).get("outcome"));
        assertTrue(r.summary().get(0).contains("already firing since 0.5 s, with no fault open then"), r.summary().get(0));
    }

    @Test
    void anExpectedFaultThatNeverHappenedIsUnknown() {
        expect("EtcdMemberDown", "kill", 10_000);
        partition(5, 15);
        stop(30);
        CheckResult r = check();
        assertEquals(Verdict.UNKNOWN, r.verdict());
        assertEquals("no-fault", row(r, 0).get("outcome"));
    }

    @Test
    void anAlertFiringWithNoFaultIsANoteNotAFailure() {
        expect("EtcdNoLeader", "partition", 5_000);
        partition(30, 35);
        alert(2, "firing", "EtcdNoLeader", "n2");
        alert(3, "resolved", "EtcdNoLeader", "n2");
        alert(31, "firing", "EtcdNoLeader", "n1");
        stop(50);
        CheckResult r = check();
        assertEquals(Verdict.VALID, r.verdict(), r.summary().toString());
        assertEquals(1, ((List<?>) r.details().get("noise")).size());
        assertTrue(r.summary().stream().anyMatch(l -> l.startsWith("note: EtcdNoLeader") && l.contains("at 2.0 s")), r.summary().toString());
    }

    @Test
    void aHistoryWithoutAMonitorIsNotJudged() {
        partition(5, 15);
        History h = new History(new HistoryHeader("chaos-history/1", "x", "etcd", List.of("n1"), 1L, "", "t"), List.copyOf(ops));
        assertFalse(new AlertsChecker().appliesTo(h));
        assertEquals(Verdict.UNKNOWN, new AlertsChecker().check(h).verdict());
    }
}
