package dev.chaos.checker.slo;

import java.time.Duration;

/**
 * A scenario's service-level objectives: each threshold is optional (null: not judged) and becomes a
 * separate verdict of the {@code slo} checker, with the measured value beside it.
 *
 * @param failoverMax             longest time from a fault's start to the first acknowledged write on
 *                                the majority side
 * @param majorityAvailabilityMin lowest fraction of ok among the ops clients sent to majority-side
 *                                nodes while a fault was active (0..1)
 * @param errorRateMax            highest fraction of fail or info among all client ops (0..1)
 * @param p99LatencyMax           highest 99th percentile response time (from the intended start) of
 *                                acknowledged ops, whole run
 * @param convergenceMax          longest time after the final heal until every replica agrees
 * @param faultP99LatencyMax      highest 99th percentile response time of acknowledged ops meant to
 *                                start while a fault or a procedure was active
 */
public record Slo(Duration failoverMax, Double majorityAvailabilityMin, Double errorRateMax, Duration p99LatencyMax,
                  Duration convergenceMax, Duration faultP99LatencyMax) {

    public Slo(Duration failoverMax, Double majorityAvailabilityMin, Double errorRateMax, Duration p99LatencyMax,
               Duration convergenceMax) {
        this(failoverMax, majorityAvailabilityMin, errorRateMax, p99LatencyMax, convergenceMax, null);
    }

    public boolean judgesNothing() {
        return failoverMax == null && majorityAvailabilityMin == null && errorRateMax == null && p99LatencyMax == null
                && convergenceMax == null && faultP99LatencyMax == null;
    }
}
