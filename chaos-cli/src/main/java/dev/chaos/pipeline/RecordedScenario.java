package dev.chaos.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chaos.report.RunScenario;
import dev.chaos.scenario.Scenario;
import java.nio.file.Path;

/**
 * A run's scenario.json, read once ({@link RunDirectory#readScenario}): its JSON (the run's facts:
 * target, seed, plan, ...) and the scenario it recorded.
 *
 * @param file     where it was read
 * @param root     its JSON
 * @param scenario the scenario it holds, parsed strictly; null for a run from before scenarios were data
 */
public record RecordedScenario(Path file, JsonNode root, Scenario scenario) {

    /**
     * What the checkers take from it: workload, convergence limit, target, seed.
     *
     * @throws IllegalArgumentException naming the file and field, when a field has the wrong type
     */
    public RunScenario facts() {
        return RunScenario.of(file, root, scenario);
    }
}
