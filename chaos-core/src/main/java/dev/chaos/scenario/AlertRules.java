package dev.chaos.scenario;

import java.time.Duration;

/**
 * What the run's Prometheus evaluates.
 *
 * @param rules    a Prometheus rules file (the format {@code promtool check rules} reads), relative
 *                 to the directory chaos runs in
 * @param interval scrape and rule evaluation interval; null: 1 s
 * @param scrape   more jobs to scrape besides the target's nodes (chaos' own metrics); null: none
 */
public record AlertRules(String rules, Duration interval, java.util.List<ScrapeJob> scrape) {

    public AlertRules {
        scrape = scrape == null ? null : java.util.List.copyOf(scrape);
    }

    /** Only the target's nodes are scraped. */
    public AlertRules(String rules, Duration interval) {
        this(rules, interval, null);
    }

    /** The extra jobs, never null. */
    public java.util.List<ScrapeJob> scrapeJobs() {
        return scrape == null ? java.util.List.of() : scrape;
    }

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);

    /** The interval, 1 s when none is given. */
    public Duration intervalOrDefault() {
        return interval == null ? DEFAULT_INTERVAL : interval;
    }
}
