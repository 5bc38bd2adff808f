package dev.chaos.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.chaos.report.RunScenario;
import dev.chaos.scenario.Scenario;
import dev.chaos.scenario.ScenarioException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run's scenario.json, read once: its JSON (the run's facts: target, seed, plan, ...) and the
 * scenario it recorded.
 *
 * @param file     where it was read
 * @param root     its JSON
 * @param scenario the scenario it holds, parsed strictly; null for a run from before scenarios were data
 */
record RecordedScenario(Path file, JsonNode root, Scenario scenario) {

    /**
     * The scenario.json beside the history (or in the run directory given), or null when there is
     * none; one that cannot be read is a warning on {@code err} (and null), or an error when
     * {@code err} is null.
     *
     * @throws ScenarioException naming the file, when it cannot be read and {@code err} is null
     */
    static RecordedScenario beside(Path history, PrintWriter err) {
        Path dir = Files.isDirectory(history) ? history : history.toAbsolutePath().getParent();
        Path file = dir == null ? null : dir.resolve(RunScenario.FILE);
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = CheckCommand.jsonMapper().readTree(file.toFile());
            JsonNode sc = root.get("scenario");
            if (sc == null || !sc.isObject()) {
                return new RecordedScenario(file, root, null); // a run from before scenarios were data
            }
            return new RecordedScenario(file, root, Scenarios.files().parse(sc.toString(), file + " (scenario)", "scenario"));
        } catch (IOException | RuntimeException e) {
            if (err == null) {
                throw new ScenarioException(file + ": " + e.getMessage());
            }
            err.println("warning: " + file + " ignored: " + e.getMessage());
            return null;
        }
    }
}
