package dev.chaos.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import dev.chaos.history.ProcessId;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kv workload: its ops follow the mix, keys the distribution, and every written value is new. */
class KvWorkloadTest {

    private static List<Op> ops(KvWorkload w, int n) {
        Random random = new Random(7);
        ProcessId p = ProcessId.client(0);
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> w.next(p, random)).toList();
    }

    private static KvOptions options(int keys, String distribution, double read, double write, double update) {
        Map<String, Double> mix = new LinkedHashMap<>();
        mix.put("read", read);
        mix.put("write", write);
        mix.put("update", update);
        return new KvOptions(keys, distribution, mix, null, null, null);
    }

    @Test
    void opsFollowTheMixAndValuesAreUnique() {
        List<Op> ops = ops(new KvWorkload(options(100, "uniform", 0.5, 0.3, 0.2)), 20_000);
        Map<String, Integer> byF = new HashMap<>();
        Set<Object> written = new HashSet<>();
        for (Op op : ops) {
            byF.merge(op.f(), 1, Integer::sum);
            Object v = op.f().equals("cas") ? ((List<?>) op.value()).get(1) : op.value();
            if (!op.f().equals("read")) {
                assertTrue(written.add(v), "value " + v + " written twice");
            }
            assertTrue(op.key().matches("r[0-9]+") && Integer.parseInt(op.key().substring(1)) < 100, op.key());
        }
        assertEquals(0.5, byF.get("read") / 20_000.0, 0.015);
        // an update of a key nothing was issued to yet is a write: with 100 keys, only the first few
        assertEquals(0.2, byF.get("cas") / 20_000.0, 0.015);
        assertEquals(0.3, byF.get("write") / 20_000.0, 0.02);
    }

    @Test
    void anUpdateCasesFromTheLastValueIssuedToItsKey() {
        List<Op> ops = ops(new KvWorkload(options(1, "uniform", 0, 0, 1)), 3);
        assertEquals("write", ops.get(0).f());
        assertEquals(List.of(1L, 2L), ops.get(1).value());
        assertEquals(List.of(2L, 3L), ops.get(2).value());
    }

    @Test
    void latestWritesInsertKeysInOrder() {
        List<Op> ops = ops(new KvWorkload(options(5, "latest", 0, 1, 0)), 5);
        assertEquals(List.of("r0", "r1", "r2", "r3", "r4"), ops.stream().map(Op::key).toList());
    }

    @Test
    void judgedPerKeyAsCasRegisters() {
        KvWorkload w = new KvWorkload();
        assertEquals("cas-register", w.model());
        assertTrue(w.checkers().contains("linearizable") && w.checkers().contains("convergence"));
        assertEquals(1000, w.options().keys());
        assertEquals("zipfian", w.options().distribution());
    }

    @Test
    void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new KvWorkload(options(10, "zipfian", 0.5, 0.5, 0.5)));
    }
}
