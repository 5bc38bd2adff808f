package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.ProcessId;
import java.util.List;
import java.util.Random;

/**
 * Elle's list-append: transactions ({@code f = "txn"}) of 1 to {@value #MAX_LENGTH} micro-ops, each
 * an append of a value unique to its key ({@code ["append", "k3", 17]}) or a read of a key's whole
 * list ({@code ["r", "k3", null]}), half and half, over {@value #ACTIVE_KEYS} active keys that rotate
 * after {@value #WRITES_PER_KEY} appends each. A read shows every append before it in order, so the
 * list-append checker can recover the version order of each key and look for dependency cycles.
 */
public final class ListAppendWorkload implements Workload {

    public static final int MAX_LENGTH = 4;
    public static final int ACTIVE_KEYS = 5;
    public static final int WRITES_PER_KEY = 200;

    private final KeyPool keys;

    public ListAppendWorkload() {
        this(ACTIVE_KEYS, WRITES_PER_KEY);
    }

    /** For tests: a pool of {@code activeKeys} keys rotating after {@code writesPerKey} appends. */
    public ListAppendWorkload(int activeKeys, int writesPerKey) {
        keys = new KeyPool(activeKeys, writesPerKey);
    }

    @Override
    public String name() {
        return "list-append";
    }

    @Override
    public Op next(ProcessId process, Random random) {
        return keys.transaction(process, random, MAX_LENGTH, MicroOp.APPEND);
    }

    @Override
    public List<String> checkers() {
        return List.of("stats", "list-append", "convergence", "availability");
    }

    @Override
    public String model() {
        return null;
    }
}
