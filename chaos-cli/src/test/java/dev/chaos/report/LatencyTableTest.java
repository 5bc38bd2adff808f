package dev.chaos.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chaos.history.Call;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The percentile table gives service time per outcome and, when calls carry intended starts, response time. */
class LatencyTableTest {

    private static Call call(long intendedMs, long invokeMs, long doneMs) {
        ProcessId p = ProcessId.client(0);
        return new Call(new Op(0, invokeMs * 1_000_000, p, OpType.INVOKE, "add", null, 1L, "n1", null, false,
                intendedMs < 0 ? -1 : intendedMs * 1_000_000),
                new Op(1, doneMs * 1_000_000, p, OpType.OK, "add", null, 1L, "n1", null, false));
    }

    @Test
    void aHeldBackCallsWaitIsInTheResponseRowOnly() {
        List<LatencyTable.Row> rows = LatencyTable.of(List.of(call(0, 300, 310)));
        LatencyTable.Row service = rows.stream().filter(r -> r.f().equals("all") && r.outcome().equals("ok")).findFirst().orElseThrow();
        LatencyTable.Row response = rows.stream().filter(r -> r.outcome().equals(LatencyTable.RESPONSE)).findFirst().orElseThrow();
        assertEquals(10.0, service.max(), 0.1);
        assertEquals(310.0, response.max(), 0.5);
    }

    @Test
    void withoutIntendedStartsThereIsNoResponseRow() {
        List<LatencyTable.Row> rows = LatencyTable.of(List.of(call(-1, 300, 310)));
        assertEquals(0, rows.stream().filter(r -> r.outcome().equals(LatencyTable.RESPONSE)).count());
    }
}
