package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.ProcessId;
import java.util.List;
import java.util.Random;

/**
 * Elle's rw-register: transactions ({@code f = "txn"}) of 1 to {@value #MAX_LENGTH} micro-ops, each a
 * write of a value unique to its key ({@code ["w", "k3", 17]}) or a read ({@code ["r", "k3", null]},
 * completed with the value read, or null when the key was never written), half and half, over
 * {@value #ACTIVE_KEYS} active keys that rotate after {@value #WRITES_PER_KEY} writes each. Unique
 * values let the rw-register checker tell which write a read saw.
 */
public final class RwRegisterWorkload implements Workload {

    public static final int MAX_LENGTH = 4;
    public static final int ACTIVE_KEYS = 5;
    public static final int WRITES_PER_KEY = 200;

    private final KeyPool keys = new KeyPool(ACTIVE_KEYS, WRITES_PER_KEY);

    @Override
    public String name() {
        return "rw-register";
    }

    @Override
    public Op next(ProcessId process, Random random) {
        return keys.transaction(process, random, MAX_LENGTH, MicroOp.WRITE);
    }

    @Override
    public List<String> checkers() {
        return List.of("stats", "rw-register", "convergence", "availability");
    }

    @Override
    public String model() {
        return null;
    }
}
