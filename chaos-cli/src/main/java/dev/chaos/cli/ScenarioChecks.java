package dev.chaos.cli;

import dev.chaos.checker.CheckOptions;
import dev.chaos.checker.slo.Slo;
import dev.chaos.cluster.Target;
import dev.chaos.cluster.Targets;
import dev.chaos.report.RunScenario;
import dev.chaos.scenario.Scenario;
import dev.chaos.workload.Isolation;
import dev.chaos.workload.Workload;
import dev.chaos.workload.Workloads;
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
 * @param consistency    the model the target promises at the scenario's isolation level, which the
 *                       transactional checkers judge against; null: not a transactional workload
 */
record ScenarioChecks(Workload workload, Duration convergeWithin, Slo slo, List<String> checkers, String consistency) {

    /**
     * A scenario as data, resolved or not: absent fields take {@code chaos run}'s defaults
     * ({@link Scenario#withDefaults}). Transactions are judged by the isolation level's own name.
     *
     * @throws UsageException when the workload is not one the CLI knows
     */
    static ScenarioChecks of(Scenario s) {
        return of(s, null);
    }

    /**
     * As {@link #of(Scenario)}, on {@code target} (by name; null or unknown: none): transactions are
     * judged by what it promises at the scenario's isolation level ({@link Target#consistency}).
     */
    static ScenarioChecks of(Scenario s, String target) {
        Scenario d = s.withDefaults();
        return new ScenarioChecks(Checks.workload(d.workload()), d.convergeWithin(), d.slo(), d.checkers(), claimed(d, target));
    }

    private static String claimed(Scenario d, String target) {
        if (!Workloads.TRANSACTIONAL.contains(d.workload())) {
            return null;
        }
        Isolation level = d.isolationLevel();
        return (target == null ? java.util.Optional.<Target>empty() : Targets.named(target)).map(t -> t.consistency(level))
                .orElse(level.id());
    }

    /**
     * A run directory's scenario.json: {@code facts} as read from it, {@code ran} the scenario it
     * holds, or null for a run from before scenarios were data (no SLOs; the workload's checkers).
     *
     * @throws UsageException when the workload is not one the CLI knows
     */
    static ScenarioChecks of(RunScenario facts, Scenario ran) {
        return new ScenarioChecks(Checks.workload(facts.workload()), facts.convergeWithin(),
                ran != null ? ran.slo() : null, ran != null ? ran.checkers() : null,
                ran != null ? claimed(ran.withDefaults(), facts.target()) : null);
    }

    /**
     * The options the run is checked with: {@code given}'s limits and model, the workload's model
     * when none is given, and this convergence limit and these SLOs.
     */
    CheckOptions options(CheckOptions given) {
        return thresholds(given).withModel(given.model() != null ? given.model() : workload.model());
    }

    /**
     * {@code given} with this convergence limit, these SLOs and, unless given, this consistency; the model left as given
     * ({@code chaos check} infers it from the ops when none is).
     */
    CheckOptions thresholds(CheckOptions given) {
        CheckOptions t = given.withConvergeWithin(convergeWithin).withSlo(slo);
        return given.consistency() == null && consistency != null ? t.withConsistency(consistency) : t;
    }

    /** The checkers to run: {@code chosen} (on the command line) if any, else the scenario's, else the workload's. */
    List<String> checkers(List<String> chosen) {
        return chosen != null ? chosen : checkers != null ? checkers : workload.checkers();
    }
}
