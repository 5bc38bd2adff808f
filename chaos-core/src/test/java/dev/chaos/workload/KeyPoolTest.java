package dev.chaos.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Rotating keys: each key gets 1..N once each, then a fresh key takes its place. */
class KeyPoolTest {

    @Test
    void everyKeyGetsItsValuesOnceInOrderAndIsRetiredAfterItsShare() {
        KeyPool pool = new KeyPool(3, 10);
        Random r = new Random(7);
        Map<String, Long> last = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            KeyPool.Write w = pool.write(r);
            long before = last.getOrDefault(w.key(), 0L);
            assertEquals(before + 1, w.value(), "values of " + w.key() + " are 1, 2, 3, ...");
            last.put(w.key(), w.value());
        }
        assertTrue(last.size() >= 1000 / 10, "retired keys make room for fresh ones: " + last.size());
        long full = last.values().stream().filter(v -> v == 10).count();
        assertTrue(full >= last.size() - 3, "only the active keys are short of their share");
        assertTrue(last.values().stream().allMatch(v -> v <= 10), "no key gets more than its share");
    }

    @Test
    void readsPickOnlyActiveKeys() {
        KeyPool pool = new KeyPool(2, 3);
        Random r = new Random(1);
        for (int i = 0; i < 12; i++) {
            pool.write(r);
        }
        Set<String> read = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            read.add(pool.read(r));
        }
        assertTrue(read.size() <= 2, "two active keys: " + read);
    }
}
