package dev.chaos.workload;

import dev.chaos.history.Op;
import dev.chaos.history.ProcessId;
import java.util.List;
import java.util.Random;

/**
 * What the clients do: the next invocation for a process. Implementations must be thread-safe
 * (every client process asks).
 */
public interface Workload {

    String name();

    /** The next invocation (a draft op: type invoke). */
    Op next(ProcessId process, Random random);

    /** The checkers that judge this workload, by catalog name. */
    List<String> checkers();

    /** The linearizability model that applies, or null. */
    String model();
}
