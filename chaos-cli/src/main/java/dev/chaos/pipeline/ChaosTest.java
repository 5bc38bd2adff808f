package dev.chaos.pipeline;

import dev.chaos.checker.Checker;
import dev.chaos.cluster.Backend;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.Target;
import dev.chaos.nemesis.LinkFaults;
import dev.chaos.nemesis.NemesisFactory;
import dev.chaos.run.RunSpec;
import dev.chaos.workload.Workload;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One chaos test as a value, the way Jepsen's test is a map of its parts: the resolved run (the
 * scenario with its seed and run directory), the system under test, where it runs, what the
 * clients do, what injects the faults, and what judges the history. {@link TestRun#run} carries it
 * out; {@code chaos run} only builds one from its options.
 *
 * @param run      the resolved scenario, seed and run directory
 * @param target   the system under test
 * @param backend  where its nodes run
 * @param workload what the clients do (a fresh instance: it holds per-run state)
 * @param nemesis  the nemesis for each scheduled fault, given the started cluster and its links
 * @param checkers what judges the history, in order
 * @param replayOf the run directory this test repeats ({@code chaos run --replay}), recorded in its
 *                 scenario.json; null for a run of its own
 */
public record ChaosTest(RunSpec run, Target target, Backend backend, Workload workload,
                        BiFunction<Cluster, LinkFaults, NemesisFactory> nemesis, List<Checker> checkers, Path replayOf) {

    public ChaosTest {
        checkers = List.copyOf(checkers);
        if (!target.backends().contains(backend.name())) {
            throw new IllegalArgumentException("target " + target.name() + " runs on " + String.join(" or ", target.backends())
                    + ", not " + backend.name());
        }
        if (!target.workloads().contains(workload.name())) {
            throw new IllegalArgumentException("target " + target.name() + " has clients for " + String.join(", ", target.workloads())
                    + ", not workload " + workload.name());
        }
    }

    /** A run of its own, not a replay. */
    public ChaosTest(RunSpec run, Target target, Backend backend, Workload workload,
                     BiFunction<Cluster, LinkFaults, NemesisFactory> nemesis, List<Checker> checkers) {
        this(run, target, backend, workload, nemesis, checkers, null);
    }

    /** The built-in nemeses: every fault kind of the schedule, on the cluster's links and nodes. */
    public static BiFunction<Cluster, LinkFaults, NemesisFactory> builtInNemesis() {
        return NemesisFactory::new;
    }
}
