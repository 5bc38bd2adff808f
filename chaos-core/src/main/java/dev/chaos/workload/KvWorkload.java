package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Many registers, YCSB-style: {@link KvOptions#keys} keys ({@code r0}, {@code r1}, ...), each
 * operation's key drawn from a {@link KeyDistribution} and its kind from the mix. Every written
 * value is unique (one counter over the run, from 1), so a read names the write it saw:
 * <ul>
 * <li>{@code read}: a read of the key;
 * <li>{@code write}: a write of a fresh value;
 * <li>{@code update}: a read-modify-write, recorded as {@code cas [from to]}: {@code from} is the
 *     last value this workload issued to the key (a write or a cas), {@code to} a fresh value. Under
 *     contention {@code from} may already be stale or not yet applied, and the cas fails, as a lost
 *     race should. Until a key has had a value issued, an update is a write.
 * </ul>
 * Under {@code latest}, keys come into being in index order: a write inserts the next key while
 * keys remain (YCSB's insert), and every operation picks among the inserted keys, newest the most
 * popular. Judged per key by the linearizability checker (cas-register model), plus convergence,
 * stats and availability.
 */
public final class KvWorkload implements Workload {

    private final KvOptions options;
    private final KeyDistribution keys;
    private final double readShare;
    private final double writeShare;
    private final boolean inserts;
    private final AtomicLong nextValue = new AtomicLong();
    private final AtomicInteger inserted = new AtomicInteger();
    private final AtomicLongArray lastIssued;

    public KvWorkload() {
        this(KvOptions.DEFAULTS);
    }

    public KvWorkload(KvOptions options) {
        this.options = (options == null ? KvOptions.DEFAULTS : options).withDefaults();
        if (!this.options.problems().isEmpty()) {
            throw new IllegalArgumentException("kv options: " + this.options.problems());
        }
        this.inserts = this.options.distribution().equals("latest");
        this.keys = KeyDistribution.of(this.options, inserted::get);
        this.readShare = this.options.share("read");
        this.writeShare = this.options.share("write");
        this.lastIssued = new AtomicLongArray(this.options.keys());
    }

    public KvOptions options() {
        return options;
    }

    /** The key of index {@code i}: the registers' namespace, which every built-in client serves. */
    public static String key(int i) {
        return "r" + i;
    }

    @Override
    public String name() {
        return "kv";
    }

    @Override
    public Op next(ProcessId process, Random random) {
        double op = random.nextDouble();
        if (op < readShare) {
            return Op.of(process, OpType.INVOKE, "read", key(keys.next(random)), null);
        }
        long value = nextValue.incrementAndGet();
        if (op < readShare + writeShare) {
            int k = inserts ? insertOrPick(random) : keys.next(random);
            lastIssued.set(k, value);
            return Op.of(process, OpType.INVOKE, "write", key(k), value);
        }
        int k = keys.next(random);
        long from = lastIssued.getAndSet(k, value);
        if (from == 0) {
            return Op.of(process, OpType.INVOKE, "write", key(k), value);
        }
        return Op.of(process, OpType.INVOKE, "cas", key(k), Values.list(from, value));
    }

    /** Under latest: the next key not yet inserted, or, once all are, one picked as any other op picks. */
    private int insertOrPick(Random random) {
        int n = inserted.getAndUpdate(i -> Math.min(i + 1, options.keys()));
        return n < options.keys() ? n : keys.next(random);
    }

    @Override
    public List<String> checkers() {
        return List.of("stats", "linearizable", "convergence", "availability");
    }

    @Override
    public String model() {
        return "cas-register";
    }
}
