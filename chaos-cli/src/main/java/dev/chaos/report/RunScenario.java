package dev.chaos.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import dev.chaos.scenario.Scenario;
import java.time.Duration;

/**
 * What a run directory's {@code scenario.json} (written by {@code chaos run}, fully resolved) tells
 * the checkers: the workload (which names the checkers and the model) and the convergence limit.
 *
 * @param scenario       scenario name, or null
 * @param target         system under test, or null
 * @param seed           the run's seed, or null
 * @param workload       {@code set}, {@code cas-register}, ...
 * @param convergeWithin {@code converge-within-ms}; 60 s when absent, as {@code chaos run} defaults
 */
public record RunScenario(String scenario, String target, Long seed, String workload, Duration convergeWithin) {

    /**
     * The run's facts from the file's JSON, as {@code dev.chaos.pipeline.RunDirectory} read it
     * ({@code root}; {@code file} names it in messages); {@code resolved} is the scenario the file
     * holds when it is in the scenario-as-data shape ({@code "scenario": {...}}), already parsed
     * strictly.
     *
     * @throws IllegalArgumentException naming the file and field, when a field has the wrong type
     */
    public static RunScenario of(Path file, JsonNode root, Scenario resolved) {
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException(file + ": expected a JSON object");
        }
        if (resolved != null) {
            JsonNode seed = root.get("seed");
            return new RunScenario(resolved.name(), text(root, "target"),
                    seed != null && seed.isIntegralNumber() ? seed.asLong() : resolved.seed(),
                    resolved.workload() != null ? resolved.workload() : Scenario.DEFAULT_WORKLOAD,
                    resolved.convergeWithin() != null ? resolved.convergeWithin() : Duration.ofSeconds(60));
        }
        JsonNode workload = root.get("workload");
        if (workload == null || !workload.isTextual()) {
            throw new IllegalArgumentException(file + ": field 'workload' must be a string (set, cas-register, kv)");
        }
        JsonNode within = root.get("converge-within-ms");
        if (within != null && !(within.isIntegralNumber() && within.asLong() >= 0)) {
            throw new IllegalArgumentException(file + ": field 'converge-within-ms' must be a non-negative integer");
        }
        JsonNode seed = root.get("seed");
        return new RunScenario(text(root, "scenario"), text(root, "target"),
                seed != null && seed.isIntegralNumber() ? seed.asLong() : null, workload.asText(),
                within == null ? Duration.ofSeconds(60) : Duration.ofMillis(within.asLong()));
    }

    private static String text(JsonNode root, String field) {
        JsonNode n = root.get(field);
        return n != null && n.isTextual() ? n.asText() : null;
    }
}
