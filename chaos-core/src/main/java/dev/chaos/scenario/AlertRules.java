package dev.chaos.scenario;

import java.time.Duration;

/**
 * What the run's Prometheus evaluates.
 *
 * @param rules    a Prometheus rules file (the format {@code promtool check rules} reads), relative
 *                 to the directory chaos runs in
 * @param interval scrape and rule evaluation interval; null: 1 s
 */
public record AlertRules(String rules, Duration interval) {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** The interval, 1 s when none is given. */
    public Duration intervalOrDefault() {
        return interval == null ? DEFAULT_INTERVAL : interval;
    }
}
