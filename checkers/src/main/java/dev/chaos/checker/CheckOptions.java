package dev.chaos.checker;

import java.time.Duration;

/**
 * What a user can tell the checkers.
 *
 * @param model       the consistency model for the linearizability checker, e.g. {@code cas-register};
 *                    null to infer it from the history's ops
 * @param timeLimit   wall-clock budget per checker; past it the verdict is unknown
 * @param memoryLimit bytes a checker may use for its search state; past it the verdict is unknown
 */
public record CheckOptions(String model, Duration timeLimit, long memoryLimit) {

    public static CheckOptions defaults() {
        return new CheckOptions(null, Duration.ofMinutes(5), 2L << 30);
    }

    public CheckOptions withModel(String newModel) {
        return new CheckOptions(newModel, timeLimit, memoryLimit);
    }
}
