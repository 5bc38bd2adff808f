package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.Values;
import java.util.List;
import java.util.Random;

/**
 * A few compare-and-set registers ({@code r0}..{@code r4}): half reads, a quarter writes, a quarter
 * cas [from to], values 0..4, as in Jepsen's register tests. Judged by the linearizability checker
 * (cas-register model, per key) and convergence.
 */
public final class CasRegisterWorkload implements Workload {

    public static final int KEYS = 5;

    @Override
    public String name() {
        return "cas-register";
    }

    @Override
    public Op next(ProcessId process, Random random) {
        String key = "r" + random.nextInt(KEYS);
        int k = random.nextInt(4);
        if (k < 2) {
            return Op.of(process, OpType.INVOKE, "read", key, null);
        }
        if (k == 2) {
            return Op.of(process, OpType.INVOKE, "write", key, (long) random.nextInt(5));
        }
        return Op.of(process, OpType.INVOKE, "cas", key, Values.list(random.nextInt(5), random.nextInt(5)));
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
