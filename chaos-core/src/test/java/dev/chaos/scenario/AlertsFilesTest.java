package dev.chaos.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.cluster.Capability;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A scenario's alerts: strict, with lines; the alerts checker added; needs a target with metrics. */
class AlertsFilesTest {

    private final ScenarioFiles files = new ScenarioFiles(List.of("stats", "set", "fault-effect", "alerts"));

    private static final String GOOD = """
            name: x
            schedule:
              - {fault: isolate-leader, at: 5s, hold: 10s}
            alerts:
              prometheus: {rules: rules.yml}
              expect:
                - {alert: EtcdNoLeader, during: isolate-leader, within: 30s}
            """;

    private Scenario resolve(Scenario s) {
        return files.resolve(s, w -> List.of("stats", "set"));
    }

    private String error(String yaml) {
        return assertThrows(ScenarioException.class, () -> files.parse(yaml, "s.yaml", "s")).getMessage();
    }

    @Test
    void aGoodBlockIsReadAndAddsTheAlertsChecker() {
        Scenario s = resolve(files.parse(GOOD, "s.yaml", "s"));
        AlertExpectation e = s.alerts().expect().get(0);
        assertEquals(new AlertExpectation("EtcdNoLeader", "isolate-leader", Duration.ofSeconds(30)), e);
        assertEquals("partition", e.recordedKind());
        assertEquals("rules.yml", s.alerts().prometheus().rules());
        assertEquals(Duration.ofSeconds(1), s.alerts().prometheus().intervalOrDefault());
        assertEquals(List.of("stats", "set", "alerts", "fault-effect"), s.checkers());
        assertNull(resolve(files.parse("name: y\n", "s.yaml", "s")).alerts());
    }

    @Test
    void theBlockSurvivesShowScalingAndOptionOverrides() {
        Scenario s = resolve(files.parse(GOOD, "s.yaml", "s"));
        assertEquals(s, resolve(files.parse(files.toYaml(s), "shown.yaml", "shown")));
        assertEquals(s.alerts(), s.scaledTo(Duration.ofSeconds(30)).alerts()); // a deadline is not the schedule's: never scaled
        assertEquals(s.alerts(), s.withName("z").withCheckers(List.of("stats")).alerts());
    }

    @Test
    void mistakesAreNamedWithTheirLines() {
        assertEquals("s.yaml:7: alerts.expect[0].during: unknown fault 'isolate-leeder'; known: "
                        + String.join(", ", FaultKind.ids()) + ", partition, procedure",
                error(GOOD.replace("during: isolate-leader", "during: isolate-leeder")));
        assertEquals("s.yaml:7: alerts.expect[0].during: no step of the schedule starts a kill; it starts partition",
                error(GOOD.replace("during: isolate-leader", "during: kill")));
        assertEquals("s.yaml:5: alerts.expect[0].during: no step of the schedule starts a partition (the scenario has no schedule)",
                error(GOOD.replace("schedule:\n  - {fault: isolate-leader, at: 5s, hold: 10s}\n", "")));
        assertEquals("s.yaml:7: alerts.expect[0]: missing 'within' (how soon after the fault's start it must fire, e.g. 60s)",
                error(GOOD.replace(", within: 30s", "")));
        assertEquals("s.yaml:7: alerts.expect[0].alert: 'Etcd No Leader' is not an alert name: letters, digits, '_' and ':'",
                error(GOOD.replace("alert: EtcdNoLeader", "alert: 'Etcd No Leader'")));
        assertEquals("s.yaml:5: alerts.prometheus: give the rules Prometheus evaluates: prometheus: {rules: path/to/rules.yml}",
                error(GOOD.replace("{rules: rules.yml}", "{interval: 2s}")));
        assertEquals("s.yaml:5: alerts.prometheus.interval: 500ms is not whole seconds from 1s to 1m (the scrape and evaluation interval)",
                error(GOOD.replace("{rules: rules.yml}", "{rules: rules.yml, interval: 500ms}")));
        assertTrue(error(GOOD.replace("expect:", "expects:")).startsWith("s.yaml:6: alerts.expects: unknown field (did you mean 'expect'?)"),
                error(GOOD.replace("expect:", "expects:")));
        assertEquals("s.yaml:7: alerts.expect[0].within: 'soon' is not a duration; write e.g. 500ms, 30s, 5m",
                error(GOOD.replace("within: 30s", "within: soon")));
    }

    @Test
    void aScenarioWithAlertsNeedsATargetWithMetrics() {
        Scenario s = resolve(files.parse(GOOD, "s.yaml", "s"));
        assertEquals("scenario 'x' has alerts, which need metrics (nodes that serve Prometheus metrics), but target zookeeper can only "
                + "leader, kill", Requirements.unmet(s, EnumSet.of(Capability.LEADER, Capability.KILL), "zookeeper"));
        assertNull(Requirements.unmet(s, EnumSet.of(Capability.LEADER, Capability.METRICS), "etcd"));
    }

    @Test
    void moreScrapeJobsAreReadStrictly() {
        Scenario s = resolve(files.parse(GOOD.replace("{rules: rules.yml}",
                "{rules: rules.yml, scrape: [{job: chaos, targets: ['127.0.0.1:9400']}]}"), "s.yaml", "s"));
        assertEquals(List.of(new ScrapeJob("chaos", List.of("127.0.0.1:9400"), null)), s.alerts().prometheus().scrapeJobs());
        assertEquals("/metrics", s.alerts().prometheus().scrapeJobs().get(0).pathOrDefault());
        assertEquals("s.yaml:5: alerts.prometheus.scrape[0].targets[0]: 'localhost' is not host:port",
                error(GOOD.replace("{rules: rules.yml}", "{rules: rules.yml, scrape: [{job: chaos, targets: [localhost]}]}")));
        assertEquals("s.yaml:5: alerts.prometheus.scrape[1].job: job 'chaos' is listed twice",
                error(GOOD.replace("{rules: rules.yml}", "{rules: rules.yml, scrape: [{job: chaos, targets: ['a:1']},"
                        + " {job: chaos, targets: ['b:2']}]}")));
        assertEquals("s.yaml:5: alerts.prometheus.scrape[0]: missing 'targets' (host:port of each endpoint, e.g. [127.0.0.1:9400])",
                error(GOOD.replace("{rules: rules.yml}", "{rules: rules.yml, scrape: [{job: chaos}]}")));
    }
}
