package dev.chaos.checker;

import java.time.Duration;

/**
 * What a user can tell the checkers.
 *
 * @param model       the consistency model for the linearizability checker, e.g. {@code cas-register};
 *                    null to infer it from the history's ops
 * @param timeLimit   wall-clock budget per checker; past it the verdict is unknown
 * @param memoryLimit bytes a checker may use for its search state; past it the verdict is unknown
 * @param convergeWithin how soon after the final heal the replicas must agree (convergence checker)
 */
public record CheckOptions(String model, Duration timeLimit, long memoryLimit, Duration convergeWithin) {

    public CheckOptions(String model, Duration timeLimit, long memoryLimit) {
        this(model, timeLimit, memoryLimit, Duration.ofSeconds(60));
    }

    public static CheckOptions defaults() {
        return new CheckOptions(null, Duration.ofMinutes(5), 2L << 30, Duration.ofSeconds(60));
    }

    public CheckOptions withModel(String newModel) {
        return new CheckOptions(newModel, timeLimit, memoryLimit, convergeWithin);
    }

    public CheckOptions withConvergeWithin(Duration d) {
        return new CheckOptions(model, timeLimit, memoryLimit, d);
    }
}
