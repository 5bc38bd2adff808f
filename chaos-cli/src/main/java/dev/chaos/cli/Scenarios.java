package dev.chaos.cli;

import dev.chaos.checker.CheckerCatalog;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioFiles;
import dev.chaos.scenario.ScenarioException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the CLI finds scenarios: built-in names and files, resolved with the workloads' checkers. */
final class Scenarios {

    private static final ScenarioFiles FILES = new ScenarioFiles(CheckerCatalog.names());

    private Scenarios() {
    }

    static ScenarioFiles files() {
        return FILES;
    }

    /**
     * A built-in by name, or a file when the argument looks like a path (has a '/' or ends in
     * .yaml/.yml/.json). A run's scenario.json (or its run directory) gives the scenario it recorded,
     * seed included, so the same schedule runs again.
     */
    static Scenario read(String nameOrPath) {
        boolean path = nameOrPath.contains("/") || nameOrPath.contains("\\") || nameOrPath.endsWith(".yaml")
                || nameOrPath.endsWith(".yml") || nameOrPath.endsWith(".json");
        if (!path) {
            return FILES.builtin(nameOrPath);
        }
        Path p = Path.of(nameOrPath);
        if (Files.isDirectory(p) || p.getFileName().toString().equals(dev.chaos.pipeline.RunDirectory.SCENARIO)) {
            Scenario recorded = CheckCommand.scenarioBeside(Files.isDirectory(p) ? p : p.toAbsolutePath(), null);
            if (recorded == null) {
                throw new ScenarioException(p + ": no run's scenario.json with a scenario in it");
            }
            return recorded;
        }
        return FILES.load(p);
    }

    /** Every default filled in, the workload's checkers included. */
    static Scenario resolve(Scenario s) {
        return FILES.resolve(s, Scenarios::checkersOf);
    }

    static List<String> checkersOf(String workload) {
        return Checks.workload(workload).checkers();
    }

    static Scenario withSeed(Scenario s, long seed) {
        return new Scenario(s.name(), s.description(), s.workload(), s.nodes(), s.rate(), s.concurrency(), s.duration(),
                s.opTimeout(), s.convergeWithin(), s.reads(), s.isolation(), seed, s.schedule(), s.checkers(), s.slo(), s.procedure(),
                s.ramp(), s.kv()).withAlerts(s.alerts());
    }
}
