package dev.chaos.scenario;

import java.time.Duration;

/**
 * A load ramp: instead of one rate, the clients' rate steps up, {@code from} ops/s for the first
 * {@code every}, then {@code step} more for each next one, to the end of the run. Each step is
 * judged by the thresholds (response-time p99, error rate); the highest step that held them is the
 * breaking point (the {@code ramp} checker).
 *
 * @param from          ops/s of the first step
 * @param step          ops/s added at each next step
 * @param every         how long each step lasts
 * @param p99LatencyMax a step holds when the 99th percentile response time of its acknowledged
 *                      calls is at most this; null: not judged
 * @param errorRateMax  ...and its fail + info fraction at most this (0..1); null: not judged
 */
public record Ramp(Double from, Double step, Duration every, Duration p99LatencyMax, Double errorRateMax) {

    /** The rate asked at {@code elapsedNanos} since the clients started. */
    public double rateAt(long elapsedNanos) {
        long k = Math.max(0, elapsedNanos) / every.toNanos();
        return from + step * k;
    }

    /** The rate of step {@code k} (from 0). */
    public double rateOfStep(long k) {
        return from + step * k;
    }
}
