package dev.chaos.scenario;

import java.util.List;

/**
 * One more thing the run's Prometheus scrapes besides the target's nodes, e.g. chaos' own
 * {@code --metrics} endpoint, so rules on it (an error budget burning) can be expected to fire too.
 *
 * @param job     the scrape job's name, which rules select with {@code job="..."}; not the target's own
 * @param targets {@code host:port} of each endpoint
 * @param path    the metrics path; null: {@code /metrics}
 */
public record ScrapeJob(String job, List<String> targets, String path) {

    public ScrapeJob {
        targets = targets == null ? null : List.copyOf(targets);
    }

    /** The path, {@code /metrics} when none is given. */
    public String pathOrDefault() {
        return path == null ? "/metrics" : path;
    }
}
