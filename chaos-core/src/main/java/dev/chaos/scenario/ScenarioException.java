package dev.chaos.scenario;

/** A scenario file or definition that cannot be used: one line naming the file, line, field and reason. */
public final class ScenarioException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ScenarioException(String message) {
        super(message);
    }
}
