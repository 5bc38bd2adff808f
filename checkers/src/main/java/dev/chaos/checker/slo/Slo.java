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
 * @param availabilityObjective   the fraction of client calls that must be ok (0.999 for 99.9 %); its
 *                                error budget, 1 minus it, is spread over the run's phases and the
 *                                run is invalid when fail + info calls overspend it
 */
public record Slo(Duration failoverMax, Double majorityAvailabilityMin, Double errorRateMax, Duration p99LatencyMax,
                  Duration convergenceMax, Duration faultP99LatencyMax, Double availabilityObjective) {

    public Slo(Duration failoverMax, Double majorityAvailabilityMin, Double errorRateMax, Duration p99LatencyMax,
               Duration convergenceMax, Duration faultP99LatencyMax) {
        this(failoverMax, majorityAvailabilityMin, errorRateMax, p99LatencyMax, convergenceMax, faultP99LatencyMax, null);
    }

    public Slo(Duration failoverMax, Double majorityAvailabilityMin, Double errorRateMax, Duration p99LatencyMax,
               Duration convergenceMax) {
        this(failoverMax, majorityAvailabilityMin, errorRateMax, p99LatencyMax, convergenceMax, null);
    }

    public boolean judgesNothing() {
        return failoverMax == null && majorityAvailabilityMin == null && errorRateMax == null && p99LatencyMax == null
                && convergenceMax == null && faultP99LatencyMax == null && availabilityObjective == null;
    }

    /**
     * An availability objective as written: a percentage ({@code 99.9%}) or a fraction
     * ({@code 0.999}); null when it is neither or not above 0 and below 1 (an objective of 100 %
     * leaves no budget to measure against).
     */
    public static Double parseObjective(String text) {
        String t = text.trim();
        boolean percent = t.endsWith("%");
        try {
            double v = Double.parseDouble(percent ? t.substring(0, t.length() - 1).trim() : t);
            double f = percent ? v / 100 : v;
            return f > 0 && f < 1 ? f : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
