package dev.chaos.workload.builtin;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.workload.Workload;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jepsen's set workload: adds of unique elements (0, 1, 2, ...) and, one op in ten, a read of the
 * whole set. Judged by the set checker (lost acknowledged adds) and convergence.
 */
public final class SetWorkload implements Workload {

    private final AtomicLong nextElement = new AtomicLong();

    @Override
    public String name() {
        return "set";
    }

    @Override
    public Op next(ProcessId process, Random random) {
        if (random.nextInt(10) == 0) {
            return Op.of(process, OpType.INVOKE, "read", null, null);
        }
        return Op.of(process, OpType.INVOKE, "add", null, nextElement.getAndIncrement());
    }

    @Override
    public List<String> checkers() {
        return List.of("stats", "set", "convergence", "availability");
    }

    @Override
    public String model() {
        return null;
    }
}
