package dev.chaos.scenario;

import java.util.List;

/**
 * Alert validation: the run starts a Prometheus of its own that scrapes the target's metrics with
 * the given rules, watches which alerts fire, and the {@code alerts} checker judges whether each
 * expected alert fired within its deadline of each occurrence of its fault.
 *
 * @param prometheus the rules file and the scrape settings
 * @param expect     the alerts that must fire, each during a fault kind and within a time
 */
public record Alerts(AlertRules prometheus, List<AlertExpectation> expect) {

    public Alerts {
        expect = expect == null ? null : List.copyOf(expect);
    }
}
