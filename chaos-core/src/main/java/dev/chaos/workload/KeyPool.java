package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Elle's rotating keys: a few keys are active at a time, and a key that has had its share of writes
 * is retired and a fresh one takes its place. Few active keys make transactions collide (what
 * exposes anomalies); retiring keys keeps each key's value, and so each read, bounded. Values written
 * are unique per key: 1, 2, 3, ... Thread-safe.
 */
final class KeyPool {

    /** A write drawn from the pool: the key and its next value. */
    record Write(String key, long value) {
    }

    private final int writesPerKey;
    private final List<Long> active = new ArrayList<>();
    private final List<Long> written = new ArrayList<>();
    private long nextKey;

    /**
     * @param activeKeys   keys in use at a time
     * @param writesPerKey writes a key gets before it is retired
     */
    KeyPool(int activeKeys, int writesPerKey) {
        if (activeKeys < 1 || writesPerKey < 1) {
            throw new IllegalArgumentException("activeKeys and writesPerKey must be >= 1");
        }
        this.writesPerKey = writesPerKey;
        for (int i = 0; i < activeKeys; i++) {
            active.add(nextKey++);
            written.add(0L);
        }
    }

    /** One of the active keys, at random, to read. */
    synchronized String read(Random random) {
        return name(active.get(random.nextInt(active.size())));
    }

    /** One of the active keys, at random, with its next value; the key's last write retires it. */
    synchronized Write write(Random random) {
        int slot = random.nextInt(active.size());
        long key = active.get(slot);
        long v = written.get(slot) + 1;
        if (v >= writesPerKey) {
            active.set(slot, nextKey++);
            written.set(slot, 0L);
        } else {
            written.set(slot, v);
        }
        return new Write(name(key), v);
    }

    static String name(long key) {
        return "k" + key;
    }

    /**
     * A transaction invocation of 1 to {@code maxLength} micro-ops, each a read of an active key or,
     * as often, a write of the next unique value to one ({@code writeKind}: append or w).
     */
    Op transaction(ProcessId process, Random random, int maxLength, String writeKind) {
        int length = 1 + random.nextInt(maxLength);
        List<MicroOp> steps = new ArrayList<>(length);
        for (int i = 0; i < length; i++) {
            if (random.nextBoolean()) {
                Write w = write(random);
                steps.add(new MicroOp(writeKind, w.key(), w.value()));
            } else {
                steps.add(new MicroOp(MicroOp.READ, read(random), null));
            }
        }
        return Op.of(process, OpType.INVOKE, "txn", null, MicroOp.toValue(steps));
    }
}
