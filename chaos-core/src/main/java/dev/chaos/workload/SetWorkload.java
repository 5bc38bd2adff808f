package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Jepsen's set workload: adds of unique elements (0, 1, 2, ...) and, one op in ten, a read. The set
 * is split into keys of {@value #PER_KEY} elements ({@code s0} holds 0..499, {@code s1} 500..999,
 * ...), as Jepsen's independent keys do, and a read reads the current or the previous key: a whole
 * unsplit set would make every read, and so the history, grow with the run (quadratic), and a long
 * run would write lines no reader accepts. The final reads read every key. Judged by the set checker
 * (lost acknowledged adds), convergence and availability.
 */
public final class SetWorkload implements Workload {

    public static final int PER_KEY = 500;

    private final AtomicLong nextElement = new AtomicLong();

    @Override
    public String name() {
        return "set";
    }

    public static String keyOf(long element) {
        return "s" + element / PER_KEY;
    }

    @Override
    public Op next(ProcessId process, Random random) {
        if (random.nextInt(10) == 0) {
            long current = Math.max(0, nextElement.get() - 1) / PER_KEY;
            long key = current > 0 && random.nextBoolean() ? current - 1 : current;
            return Op.of(process, OpType.INVOKE, "read", "s" + key, null);
        }
        long e = nextElement.getAndIncrement();
        return Op.of(process, OpType.INVOKE, "add", keyOf(e), e);
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
