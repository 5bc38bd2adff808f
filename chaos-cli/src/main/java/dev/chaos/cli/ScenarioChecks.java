package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.slo.Slo;
import dev.chaos.report.RunScenario;
import dev.chaos.scenario.Scenario;
import dev.chaos.workload.Workload;
import java.time.Duration;
import java.util.List;

/**
 * How a scenario says its run is checked: the workload (it names the model and the default
 * checkers), how soon after the final heal the replicas must agree, the SLO thresholds and the
 * checkers it chose. {@code chaos run} checks with it; {@code chaos check} and {@code chaos report}
 * take it from the run's scenario.json, so a re-check judges as the run did.
 *
 * @param workload       the run's workload
 * @param convergeWithin the convergence checker's limit; 60 s when the scenario has none, as {@code chaos run} defaults
 * @param slo            the {@code slo} checker's thresholds; null: none
 * @param checkers       the checkers the scenario chose; null: the workload's
 */
record ScenarioChecks(Workload workload, Duration convergeWithin, Slo slo, List<String> checkers) {

    /**
     * A scenario as data, resolved or not: absent fields take {@code chaos run}'s defaults
     * ({@link Scenario#withDefaults}).
     *
     * @throws UsageException when the workload is not one the CLI knows
     */
    static ScenarioChecks of(Scenario s) {
        Scenario d = s.withDefaults();
        return new ScenarioChecks(Checks.workload(d.workload()), d.convergeWithin(), d.slo(), d.checkers());
    }

    /**
     * A run directory's scenario.json: {@code facts} as read from it, {@code ran} the scenario it
     * holds, or null for a run from before scenarios were data (no SLOs; the workload's checkers).
     *
     * @throws UsageException when the workload is not one the CLI knows
     */
    static ScenarioChecks of(RunScenario facts, Scenario ran) {
        return new ScenarioChecks(Checks.workload(facts.workload()), facts.convergeWithin(),
                ran != null ? ran.slo() : null, ran != null ? ran.checkers() : null);
    }

    /**
     * The options the run is checked with: {@code given}'s limits and model, the workload's model
     * when none is given, and this convergence limit and these SLOs.
     */
    CheckOptions options(CheckOptions given) {
        return thresholds(given).withModel(given.model() != null ? given.model() : workload.model());
    }

    /**
     * {@code given} with this convergence limit and these SLOs, the model left as given
     * ({@code chaos check} infers it from the ops when none is).
     */
    CheckOptions thresholds(CheckOptions given) {
        return given.withConvergeWithin(convergeWithin).withSlo(slo);
    }

    /** The checkers to run: {@code chosen} (on the command line) if any, else the scenario's, else the workload's. */
    List<String> checkers(List<String> chosen) {
        return chosen != null ? chosen : checkers != null ? checkers : workload.checkers();
    }
}
