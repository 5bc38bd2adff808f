package dev.chaos.checker;

import dev.chaos.checker.slo.Slo;
import java.time.Duration;

/**
 * What a user can tell the checkers.
 *
 * @param model       the consistency model for the linearizability checker, e.g. {@code cas-register};
 *                    null to infer it from the history's ops
 * @param timeLimit   wall-clock budget per checker; past it the verdict is unknown
 * @param memoryLimit bytes a checker may use for its search state; past it the verdict is unknown
 * @param convergeWithin how soon after the final heal the replicas must agree (convergence checker)
 * @param slo         the scenario's SLO thresholds for the {@code slo} checker; null: none
 * @param consistency the consistency model a transactional system claims, e.g. {@code serializable},
 *                    for the {@code list-append} and {@code rw-register} checkers; null: their default
 */
public record CheckOptions(String model, Duration timeLimit, long memoryLimit, Duration convergeWithin, Slo slo,
                           String consistency) {

    public CheckOptions(String model, Duration timeLimit, long memoryLimit) {
        this(model, timeLimit, memoryLimit, Duration.ofSeconds(60), null, null);
    }

    public CheckOptions(String model, Duration timeLimit, long memoryLimit, Duration convergeWithin, Slo slo) {
        this(model, timeLimit, memoryLimit, convergeWithin, slo, null);
    }

    public static CheckOptions defaults() {
        return new CheckOptions(null, Duration.ofMinutes(5), 2L << 30, Duration.ofSeconds(60), null, null);
    }

    public CheckOptions withConsistency(String newConsistency) {
        return new CheckOptions(model, timeLimit, memoryLimit, convergeWithin, slo, newConsistency);
    }

    public CheckOptions withModel(String newModel) {
        return new CheckOptions(newModel, timeLimit, memoryLimit, convergeWithin, slo, consistency);
    }

    public CheckOptions withConvergeWithin(Duration d) {
        return new CheckOptions(model, timeLimit, memoryLimit, d, slo, consistency);
    }

    public CheckOptions withSlo(Slo newSlo) {
        return new CheckOptions(model, timeLimit, memoryLimit, convergeWithin, newSlo, consistency);
    }
}
