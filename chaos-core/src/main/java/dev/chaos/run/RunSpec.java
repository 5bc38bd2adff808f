package dev.chaos.run;

import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.Schedule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A run, fully resolved: the scenario with every field set (command-line overrides applied), where it
 * runs, and the seed, so that scenario.json describes exactly what ran.
 *
 * @param scenario the resolved scenario (see {@link Scenario#withDefaults}); its seed is ignored in
 *                 favour of {@code seed}
 * @param target   e.g. {@code zookeeper}
 * @param backend  e.g. {@code local}
 * @param seed     seed of every random choice
 * @param dir      the run directory
 */
public record RunSpec(Scenario scenario, String target, String backend, long seed, Path dir) {

    public String name() {
        return scenario.name();
    }

    /** Node names {@code n1..nN}. */
    public List<String> nodes() {
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= scenario.nodes(); i++) {
            names.add("n" + i);
        }
        return names;
    }

    /** Nodes the procedures add as new members, not started with the cluster ({@link dev.chaos.scenario.SpareNodes}). */
    public List<String> spares() {
        return dev.chaos.scenario.SpareNodes.of(scenario.procedures(), nodes());
    }

    /** Total time of the workload, faults included (final reads come after). */
    public Duration duration() {
        return scenario.duration();
    }

    /** Client operations per second, all processes together. */
    public double rate() {
        return scenario.rate() != null ? scenario.rate() : scenario.ramp().from();
    }

    public int concurrency() {
        return scenario.concurrency();
    }

    /** After this an operation counts as indeterminate ({@code info}). */
    public Duration opTimeout() {
        return scenario.opTimeout();
    }

    public Duration convergeWithin() {
        return scenario.convergeWithin();
    }

    public String workload() {
        return scenario.workload();
    }

    /** Whether reads are made linearizable first (ZooKeeper: {@code sync()}). */
    public boolean syncReads() {
        return scenario.syncReads();
    }

    /** The isolation level a transactional workload's clients ask for. */
    public dev.chaos.workload.Isolation isolation() {
        return scenario.isolationLevel();
    }

    /** The faults that will happen, times from the run start. */
    public List<Schedule.Occurrence> plan() {
        return Schedule.expand(scenario.schedule(), scenario.faultWindowEnd(), seed);
    }

    /** Clients only, before the first fault. */
    public Duration warmUp() {
        List<Schedule.Occurrence> p = plan();
        return p.isEmpty() ? scenario.faultWindowEnd() : p.get(0).start();
    }

    /** Time with clients still running after the final heal. */
    public Duration recovery() {
        return scenario.recovery();
    }
}
