package dev.chaos.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What list-append, rw-register and bank invoke, in the shared history format. */
class TransactionalWorkloadsTest {

    private static final ProcessId P = ProcessId.client(0);

    @Test
    void listAppendInvokesTxnsOfOneToFourAppendsAndReadsWithValuesUniquePerKey() {
        Workload w = Workloads.create("list-append").orElseThrow();
        Random r = new Random(42);
        Map<String, Set<Object>> appended = new HashMap<>();
        Set<Integer> lengths = new HashSet<>();
        int appends = 0;
        int reads = 0;
        for (int i = 0; i < 2000; i++) {
            Op op = w.next(P, r);
            assertEquals(OpType.INVOKE, op.type());
            assertEquals("txn", op.f());
            assertNull(op.key());
            List<MicroOp> steps = MicroOp.parse(op.value());
            lengths.add(steps.size());
            for (MicroOp m : steps) {
                if (m.isRead()) {
                    reads++;
                    assertNull(m.value(), "a read's value is null on the invocation");
                } else {
                    appends++;
                    assertEquals(MicroOp.APPEND, m.f());
                    assertTrue(m.value() instanceof Long, "values are longs");
                    assertTrue(appended.computeIfAbsent(m.key(), k -> new HashSet<>()).add(m.value()),
                            "appended once: " + m);
                }
            }
        }
        assertEquals(Set.of(1, 2, 3, 4), lengths);
        assertTrue(Math.abs(appends - reads) < appends / 5, appends + " appends, " + reads + " reads: about half each");
        assertTrue(appended.size() > ListAppendWorkload.ACTIVE_KEYS, "keys rotate: " + appended.size());
        assertTrue(appended.size() < 2 * appends / ListAppendWorkload.WRITES_PER_KEY + 2 * ListAppendWorkload.ACTIVE_KEYS,
                "each key gets its share before it rotates: " + appended.size() + " keys for " + appends + " appends");
        assertEquals(List.of("stats", "list-append", "convergence", "availability"), w.checkers());
    }

    @Test
    void theSameSeedGivesTheSameTransactions() {
        Workload a = Workloads.create("list-append").orElseThrow();
        Workload b = Workloads.create("list-append").orElseThrow();
        Random ra = new Random(5);
        Random rb = new Random(5);
        for (int i = 0; i < 100; i++) {
            assertEquals(a.next(P, ra).value(), b.next(P, rb).value());
        }
    }

    @Test
    void rwRegisterWritesUniqueValuesPerKey() {
        Workload w = Workloads.create("rw-register").orElseThrow();
        Random r = new Random(3);
        Map<String, Set<Object>> written = new HashMap<>();
        for (int i = 0; i < 500; i++) {
            for (MicroOp m : MicroOp.parse(w.next(P, r).value())) {
                if (!m.isRead()) {
                    assertEquals(MicroOp.WRITE, m.f());
                    assertTrue(written.computeIfAbsent(m.key(), k -> new HashSet<>()).add(m.value()), "written once: " + m);
                }
            }
        }
        assertTrue(!written.isEmpty());
    }

    @Test
    void bankTransfersBetweenTwoAccountsAndSometimesReadsAll() {
        Workload w = Workloads.create("bank").orElseThrow();
        Random r = new Random(11);
        int readsSeen = 0;
        for (int i = 0; i < 1000; i++) {
            Op op = w.next(P, r);
            if (op.f().equals("read")) {
                readsSeen++;
                assertNull(op.value());
                continue;
            }
            assertEquals("transfer", op.f());
            Map<?, ?> t = (Map<?, ?>) op.value();
            long from = (Long) t.get("from");
            long to = (Long) t.get("to");
            long amount = (Long) t.get("amount");
            assertTrue(from != to && from >= 0 && to >= 0 && from < BankWorkload.ACCOUNTS && to < BankWorkload.ACCOUNTS, t.toString());
            assertTrue(amount >= 1 && amount <= BankWorkload.MAX_TRANSFER, t.toString());
        }
        assertTrue(readsSeen > 100 && readsSeen < 300, readsSeen + " reads in 1000: about one in five");
    }

    @Test
    void microOpsParseStrictly() {
        assertEquals(List.of(new MicroOp("append", "k1", 3L), new MicroOp("r", "k1", null)),
                MicroOp.parse(List.of(List.of("append", "k1", 3L), java.util.Arrays.asList("r", "k1", null))));
        assertThrows(IllegalArgumentException.class, () -> MicroOp.parse(List.of(List.of("cas", "k1", 3L))));
        assertThrows(IllegalArgumentException.class, () -> MicroOp.parse(List.of(List.of("r", "k1"))));
        assertThrows(IllegalArgumentException.class, () -> MicroOp.parse("txn"));
    }

    @Test
    void theTransactionalWorkloadsAreRegisteredAndLevelsHaveTheirSqlNames() {
        assertTrue(Workloads.names().containsAll(Workloads.TRANSACTIONAL), Workloads.names().toString());
        assertEquals("REPEATABLE READ", Isolation.of("repeatable-read").sql());
        assertNull(Isolation.of("snapshot"));
    }
}
