package dev.chaos.cli;

import dev.chaos.scenario.Durations;
import java.time.Duration;

/** A duration option, written as in scenario files ({@link Durations}): 500ms, 30s, 5m, 1h. */
final class DurationOption {

    private DurationOption() {
    }

    static Duration parse(String option, String s) {
        Duration d = Durations.parse(s);
        if (d == null) {
            throw new UsageException(option + ": '" + s + "' is not a duration; write e.g. 500ms, 30s, 5m or 1h");
        }
        return d;
    }
}
