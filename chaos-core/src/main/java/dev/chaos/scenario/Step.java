package dev.chaos.scenario;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.time.Duration;
import java.util.List;

/**
 * One entry of a nemesis schedule: a fault (or a random choice among several), when it starts
 * relative to the run start, how long it is held, and how it repeats. Times are for the scenario's
 * own duration; see {@link Scenario#scaledTo}.
 *
 * @param fault     the fault kind, e.g. {@code clean-split}; null when {@code random} is given
 * @param random    fault kinds to choose among at each occurrence, with the run's seed
 * @param at        first start, from the run start
 * @param hold      how long each occurrence lasts before it is healed
 * @param every     start-to-start period of repeats; null: once
 * @param repeat    how many occurrences in all; null with {@code every}: as many as fit
 * @param latency   {@code slow}: added delay per direction
 * @param jitter    {@code slow}: random ± spread of the delay
 * @param bandwidth {@code slow}: KB/s per direction
 * @param interval  {@code cascading}: time between one lost node and the next
 * @param mode      partitions: {@code drop} (a black hole; null means it) or {@code reject} (connections reset)
 * @param offset    {@code clock-bump}, {@code clock-strobe}: how far the clock is set off, signed ({@code -30s}: behind)
 * @param maxOffset {@code clock-skew}: each node's offset is within ± this
 */
public record Step(String fault, List<String> random, Duration at, Duration hold, Duration every, Integer repeat,
                   Duration latency, Duration jitter, Long bandwidth, Duration interval, String mode,
                   @JsonDeserialize(using = ScenarioFiles.SignedDurationReader.class) Duration offset, Duration maxOffset) {

    /** The partition modes a step may name. */
    public static final List<String> MODES = List.of("drop", "reject");

    public Step {
        random = random == null ? null : List.copyOf(random);
    }

    /** A step without clock offsets. */
    public Step(String fault, List<String> random, Duration at, Duration hold, Duration every, Integer repeat,
                Duration latency, Duration jitter, Long bandwidth, Duration interval, String mode) {
        this(fault, random, at, hold, every, repeat, latency, jitter, bandwidth, interval, mode, null, null);
    }

    /** A step without a partition mode (drop, the default). */
    public Step(String fault, List<String> random, Duration at, Duration hold, Duration every, Integer repeat,
                Duration latency, Duration jitter, Long bandwidth, Duration interval) {
        this(fault, random, at, hold, every, repeat, latency, jitter, bandwidth, interval, null, null, null);
    }

    /** This step with a concrete fault kind (one of {@code random}'s, chosen by the schedule). */
    public Step withFault(String kind) {
        return new Step(kind, null, at, hold, every, repeat, latency, jitter, bandwidth, interval, mode, offset, maxOffset);
    }

    /** This step held {@code newHold} each time, repeating every {@code newEvery} (null: once). */
    public Step withHold(Duration newHold, Duration newEvery) {
        return new Step(fault, random, at, newHold, newEvery, repeat, latency, jitter, bandwidth, interval, mode, offset, maxOffset);
    }

    Step scaled(double factor) {
        return new Step(fault, random, scale(at, factor), scale(hold, factor), scale(every, factor), repeat, latency, jitter,
                bandwidth, scale(interval, factor), mode, offset, maxOffset);
    }

    static Duration scale(Duration d, double factor) {
        return d == null ? null : Duration.ofMillis(Math.round(d.toMillis() * factor));
    }
}
