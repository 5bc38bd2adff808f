package dev.chaos.checker.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckResult;
import dev.chaos.history.History;
import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-written histories of two clients on a 10 ms schedule (100 ops/s asked): one kept to it, one
 * where both clients were stuck in slow calls (the system is the limit), one where a client was free
 * and its invocations still went out late (the harness is the limit).
 */
class RateScheduleTest {

    private static final long MS = 1_000_000;

    private final List<Op> ops = new ArrayList<>();

    private void invoke(long atMs, long slotMs, long process) {
        ops.add(new Op(ops.size(), atMs * MS, ProcessId.client(process), OpType.INVOKE, "add", null, slotMs, "n1", null, false,
                slotMs * MS));
    }

    private void ok(long atMs, long process, long value) {
        ops.add(new Op(ops.size(), atMs * MS, ProcessId.client(process), OpType.OK, "add", null, value, "n1", null, false));
    }

    private History history() {
        return new History(new HistoryHeader("chaos-history/1", "t", "x", List.of("n1"), 1L, "", "test", 100.0, 2), ops);
    }

    @Test
    void aKeptScheduleHasNoLimitAndItsRateIsTheSlotSpacing() {
        for (int i = 0; i < 20; i++) {
            invoke(i * 10L, i * 10L, i % 2);
            ok(i * 10L + 2, i % 2, i * 10L);
        }
        RateSchedule s = RateSchedule.of(history());
        assertNotNull(s);
        assertEquals(100.0, s.askedPerSec(), 0.01);
        assertEquals(100.0, s.madePerSec(), 0.01);
        assertEquals(0, s.late());
        assertNull(s.limit());
    }

    @Test
    void lateInvocationsWhileEveryClientWasBusyBlameTheSystem() {
        saturated();
        RateSchedule s = RateSchedule.of(history());
        assertEquals(100.0, s.askedPerSec(), 0.01);
        assertTrue(s.madePerSec() < 30, "made " + s.madePerSec());
        assertTrue(s.late() >= 7, "late: " + s.late());
        assertEquals(s.late(), s.lateWithClientsBusy(), "every late slot came due with both clients in calls");
        assertTrue(s.limit().startsWith("client slots saturated"), s.limit());
    }

    /** Both clients in 100 ms calls; slots every 10 ms pile up and go out as a client frees up. */
    private void saturated() {
        long slot = 0;
        for (int round = 0; round < 5; round++) {
            long t = round * 100L;
            invoke(t, slot, 0);
            slot += 10;
            invoke(t, slot, 1);
            slot += 10;
            ok(t + 100, 0, 0);
            ok(t + 100, 1, 0);
        }
    }

    private void machineLoad(double cpu, double chaosCpu) {
        ops.add(new Op(ops.size(), 600 * MS, ProcessId.named("load"), OpType.INFO, "machine-load", null,
                dev.chaos.history.Values.canonical(Map.of("cpu", cpu, "chaos-cpu", chaosCpu, "cores", 2L, "samples", 1L)), null,
                null, false));
    }

    @Test
    void saturatedClientsOnAMachineWithItsCpuFullBlameTheMachineNotTheClientCount() {
        saturated();
        machineLoad(0.97, 0.41);
        RateSchedule s = RateSchedule.of(history());
        assertEquals(0.97, s.machine().cpu(), 1e-9);
        assertTrue(s.limit().startsWith("client slots saturated"), s.limit());
        assertTrue(s.limit().contains("the machine's CPU was 97 % busy over the run (2 cores, chaos itself 41 %)"), s.limit());
        assertTrue(s.limit().contains("more clients will not help"), s.limit());
        assertEquals(0.97, s.asMap().get("machine-cpu"));
    }

    @Test
    void saturatedClientsOnAMachineWithCpuToSpareStillSuggestMoreClients() {
        saturated();
        machineLoad(0.35, 0.1);
        RateSchedule s = RateSchedule.of(history());
        assertTrue(s.limit().contains("(more clients, or a faster system, would); the machine's CPU was 35 % busy"), s.limit());
        assertTrue(!s.limit().contains("will not help"), s.limit());
    }

    @Test
    void lateInvocationsWithAFreeClientBlameTheHarness() {
        // client 0 answers in 1 ms and sits idle, yet every other slot goes out 20 ms late
        for (int i = 0; i < 20; i++) {
            long slot = i * 10L;
            invoke(slot + (i % 2 == 0 ? 0 : 20), slot, i % 2 == 0 ? 0 : 1);
            ok(slot + (i % 2 == 0 ? 1 : 21), i % 2 == 0 ? 0 : 1, slot);
        }
        RateSchedule s = RateSchedule.of(history());
        assertEquals(10, s.late());
        assertTrue(s.limit().startsWith("the harness"), s.limit());
    }

    @Test
    void theStatsCheckerReportsResponseTimeBesideServiceTimeAndTheSchedule() {
        invoke(0, 0, 0);
        ok(5, 0, 0);
        invoke(505, 10, 0); // held back 495 ms
        ok(510, 0, 10);
        CheckResult r = new StatsChecker().check(history());
        @SuppressWarnings("unchecked")
        Map<String, Object> service = (Map<String, Object>) r.details().get("latency-us");
        @SuppressWarnings("unchecked")
        Map<String, Object> response = (Map<String, Object>) r.details().get("response-us");
        assertEquals(5000L, ((Number) service.get("max")).longValue() / 10 * 10);
        assertTrue(((Number) response.get("max")).longValue() >= 499_000, "response max " + response.get("max"));
        assertTrue(r.details().containsKey("schedule"));
        assertTrue(r.summary().stream().anyMatch(l -> l.contains("response time")), r.summary().toString());
    }

    @Test
    void aHistoryWithoutIntendedStartsHasNoSchedule() {
        ops.add(new Op(0, 0, ProcessId.client(0), OpType.INVOKE, "add", null, 1L, "n1", null, false));
        ok(5, 0, 1);
        assertNull(RateSchedule.of(history()));
        assertTrue(!new StatsChecker().check(history()).details().containsKey("response-us"));
    }
}
