package dev.chaos.api;

/**
 * One SLO threshold of a run and what was measured, as the {@code slo} checker judged it.
 *
 * @param name      e.g. {@code failover-max}, {@code majority-availability-min}, {@code convergence-max}
 * @param threshold the scenario's limit
 * @param measured  the run's figure, or null when there was nothing to measure (see {@code note})
 * @param unit      {@code ms} or {@code fraction}
 * @param met       whether the measured figure is within the threshold
 * @param note      why nothing was measured, or null
 */
public record SloFigure(String name, Number threshold, Number measured, String unit, boolean met, String note) {
}
