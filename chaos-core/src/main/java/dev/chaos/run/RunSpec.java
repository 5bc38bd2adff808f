package dev.chaos.run;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A run, fully resolved: every option with its value, the seed included, so that scenario.json
 * describes exactly what ran.
 *
 * @param scenario        e.g. {@code clean-split}
 * @param target          e.g. {@code zookeeper}
 * @param backend         e.g. {@code local}
 * @param nodes           node names
 * @param seed            seed of every random choice
 * @param duration        total time of the workload, faults included (final reads come after)
 * @param rate            client operations per second, all processes together
 * @param concurrency     client processes at a time
 * @param opTimeout       after this an operation counts as indeterminate ({@code info})
 * @param nemesisInterval how long each fault is held, and the quiet time between faults
 * @param convergeWithin  how soon after the heal replicas must agree
 * @param workload        e.g. {@code set}, {@code cas-register}
 * @param syncReads       whether reads are made linearizable first (ZooKeeper: {@code sync()})
 * @param dir             the run directory
 */
public record RunSpec(String scenario, String target, String backend, List<String> nodes, long seed, Duration duration,
                      double rate, int concurrency, Duration opTimeout, Duration nemesisInterval, Duration convergeWithin,
                      String workload, boolean syncReads, Path dir) {

    public RunSpec {
        nodes = List.copyOf(nodes);
    }

    /** Time for the cluster to settle with clients running before the first fault. */
    public Duration warmUp() {
        return Duration.ofMillis(Math.min(5_000, duration.toMillis() / 6));
    }

    /** Time with clients still running after the final heal. */
    public Duration recovery() {
        return Duration.ofMillis(Math.min(10_000, duration.toMillis() / 6));
    }
}
