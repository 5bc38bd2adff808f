package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.slo.Slo;
import dev.chaos.pipeline.RunDirectory;
import dev.chaos.report.RunScenario;
import dev.chaos.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a scenario says about checking its run, with {@code chaos run}'s defaults where it says nothing. */
class ScenarioChecksTest {

    static Scenario scenario(String workload, Duration convergeWithin, List<String> checkers, Slo slo) {
        return new Scenario("s", null, workload, null, null, null, null, null, convergeWithin, null, null, null, checkers, slo);
    }

    @Test
    void aScenarioThatSaysNothingIsASetRunWithSixtySecondsToConvergeAndTheWorkloadsCheckers() {
        ScenarioChecks checks = ScenarioChecks.of(scenario(null, null, null, null));
        assertEquals("set", checks.workload().name());
        assertEquals(Duration.ofSeconds(60), checks.convergeWithin());
        assertNull(checks.slo());
        assertEquals(List.of("stats", "set", "convergence", "availability"), checks.checkers(null));
        CheckOptions options = checks.options(CheckOptions.defaults());
        assertNull(options.model(), "the set workload names no model: inferred from the ops");
        assertEquals(Duration.ofSeconds(60), options.convergeWithin());
        assertNull(options.slo());
    }

    @Test
    void theScenariosFieldsWinAndTheCommandLineWinsOverThem() {
        Slo slo = new Slo(Duration.ofSeconds(1), null, null, null, null, null);
        ScenarioChecks checks = ScenarioChecks.of(scenario("cas-register", Duration.ofMillis(1500), List.of("stats", "slo"), slo));
        CheckOptions given = new CheckOptions(null, Duration.ofSeconds(30), 1L << 20);
        CheckOptions options = checks.options(given);
        assertEquals("cas-register", options.model(), "the workload's model when none is given");
        assertEquals(Duration.ofMillis(1500), options.convergeWithin());
        assertEquals(slo, options.slo());
        assertEquals(Duration.ofSeconds(30), options.timeLimit(), "the given limits are kept");
        assertEquals(1L << 20, options.memoryLimit());
        assertEquals("register", checks.options(given.withModel("register")).model(), "a model given wins");
        assertNull(checks.thresholds(given).model(), "thresholds leave the model as given");
        assertEquals(Duration.ofMillis(1500), checks.thresholds(given).convergeWithin());
        assertEquals(List.of("stats", "slo"), checks.checkers(null));
        assertEquals(List.of("set"), checks.checkers(List.of("set")), "checkers chosen on the command line win");
    }

    @Test
    void aRunFromBeforeScenariosWereDataHasNoSlosAndTheWorkloadsCheckers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(RunDirectory.SCENARIO);
        Files.writeString(file, "{\"scenario\":\"old\",\"workload\":\"cas-register\"}");
        ScenarioChecks checks = ScenarioChecks.of(RunDirectory.readScenario(dir, null).facts(), null);
        assertEquals(Duration.ofSeconds(60), checks.convergeWithin(), "no converge-within-ms: 60 s");
        assertNull(checks.slo());
        assertEquals(List.of("stats", "linearizable", "convergence", "availability"), checks.checkers(null));
    }

    @Test
    void anUnknownWorkloadIsAUsageError(@TempDir Path dir) throws Exception {
        Path file = dir.resolve(RunDirectory.SCENARIO);
        Files.writeString(file, "{\"workload\":\"queue\"}");
        RunScenario facts = RunDirectory.readScenario(dir, null).facts();
        UsageException e = assertThrows(UsageException.class, () -> ScenarioChecks.of(facts, null));
        assertTrue(e.getMessage().contains("unknown workload 'queue'"), e.getMessage());
    }
}
