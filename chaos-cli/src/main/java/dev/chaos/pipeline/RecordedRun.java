package dev.chaos.pipeline;

import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.Schedule;
import java.nio.file.Path;
import java.util.List;

/**
 * What {@code chaos run --replay} takes from a run's scenario.json, read and checked by
 * {@link RunDirectory#readRun}: everything that decides what the run does.
 *
 * @param file     the scenario.json read
 * @param scenario the resolved scenario it recorded
 * @param target   the system under test's name
 * @param backend  the backend's name
 * @param seed     the run's seed
 * @param nodes    the node names, n1..nN
 * @param plan     the planned faults as recorded, in start order; null when the file has none
 * @param replayOf the run directory that run itself replayed, or null
 * @param targetFile   the target file the run was made from (absolute), or null for a target by name
 * @param targetSha256 that file's SHA-256 as the run read it, or null
 */
public record RecordedRun(Path file, Scenario scenario, String target, String backend, long seed, List<String> nodes,
                          List<Planned> plan, String replayOf, String targetFile, String targetSha256) {

    public RecordedRun {
        nodes = List.copyOf(nodes);
        plan = plan == null ? null : List.copyOf(plan);
    }

    /**
     * One planned fault occurrence as scenario.json records it; the random choices inside it (which
     * nodes) are not recorded, they follow from the seed and the occurrence's index.
     *
     * @param step    index of the schedule step
     * @param fault   the concrete fault kind (a {@code random} step's pick)
     * @param startMs start, from the run start
     * @param stopMs  stop, from the run start
     */
    public record Planned(int step, String fault, long startMs, long stopMs) {

        public static Planned of(Schedule.Occurrence o) {
            return new Planned(o.step(), o.kind(), o.start().toMillis(), o.stop().toMillis());
        }

        @Override
        public String toString() {
            return fault + " (step " + step + ") " + startMs + ".." + stopMs + " ms";
        }
    }
}
