package dev.chaos.monitor;

import dev.chaos.cluster.Capability;
import dev.chaos.cluster.Cluster;
import dev.chaos.cluster.MetricsEndpoints;
import dev.chaos.scenario.AlertExpectation;
import dev.chaos.scenario.Alerts;
import dev.chaos.scenario.ScrapeJob;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A scenario's {@code alerts:} made real for one run: the run's Prometheus, scraping the cluster's
 * metrics endpoints with the scenario's rules, and the watch that records its alerts into the
 * history. Closing it stops Prometheus.
 *
 * @param prometheus the process
 * @param watch      the monitor the runner begins with the clients
 */
public record RunAlerts(PrometheusServer prometheus, AlertWatch watch) implements AutoCloseable {

    /** How often the watch reads the alerts: a few times per evaluation, so a transition is seen within a quarter second. */
    public static final Duration POLL = Duration.ofMillis(250);

    /** How long Prometheus may take to start and scrape every node once. */
    public static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    /** Starts Prometheus for {@code alerts} on {@code cluster} (which must have {@link MetricsEndpoints}), in {@code runDir/prometheus}. */
    public static RunAlerts start(Alerts alerts, Cluster cluster, Path runDir, Consumer<String> log) throws IOException, InterruptedException {
        MetricsEndpoints m = Capability.require(cluster, MetricsEndpoints.class, "alerts");
        Map<String, URI> endpoints = new TreeMap<>(m.metricsEndpoints());
        Duration interval = alerts.prometheus().intervalOrDefault();
        Path rules = Path.of(alerts.prometheus().rules());
        List<ScrapeJob> more = alerts.prometheus().scrapeJobs();
        if (more.stream().anyMatch(j -> j.job().equals(m.metricsJob()))) {
            throw new IOException("alerts.prometheus.scrape: job '" + m.metricsJob() + "' is the target's own; give yours another name");
        }
        PrometheusServer p = PrometheusServer.start(runDir.resolve("prometheus"), m.metricsJob(), endpoints, more, rules, interval,
                START_TIMEOUT, log);
        return new RunAlerts(p, AlertWatch.of(p, setup(alerts, m.metricsJob(), endpoints), POLL, log));
    }

    /** What {@code monitor-start} records: the expectations as the checker reads them, and the set-up. */
    static Map<String, Object> setup(Alerts alerts, String job, Map<String, URI> endpoints) {
        List<Object> expect = new ArrayList<>();
        for (AlertExpectation e : alerts.expect()) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("alert", e.alert());
            x.put("during", e.recordedKind());
            x.put("within-ms", e.within().toMillis());
            if (!e.during().equals(e.recordedKind())) {
                x.put("as-written", e.during());
            }
            expect.add(x);
        }
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("expect", expect);
        v.put("rules", alerts.prometheus().rules());
        v.put("interval-ms", alerts.prometheus().intervalOrDefault().toMillis());
        v.put("poll-ms", POLL.toMillis());
        v.put("job", job);
        Map<String, Object> ep = new LinkedHashMap<>();
        endpoints.forEach((n, u) -> ep.put(n, u.toString()));
        v.put("endpoints", ep);
        for (ScrapeJob j : alerts.prometheus().scrapeJobs()) {
            @SuppressWarnings("unchecked")
            Map<String, Object> jobs = (Map<String, Object>) v.computeIfAbsent("scrape", k -> new LinkedHashMap<String, Object>());
            jobs.put(j.job(), j.targets());
        }
        return v;
    }

    /**
     * Why the rules file cannot be used, or null: it is missing, or {@code promtool check rules}
     * (when promtool is installed) refuses it.
     */
    public static String rulesProblem(Alerts alerts) {
        if (alerts == null || alerts.prometheus() == null) {
            return null;
        }
        Path rules = Path.of(alerts.prometheus().rules());
        if (!java.nio.file.Files.isRegularFile(rules)) {
            return "alerts.prometheus.rules: no such file '" + rules + "' (relative paths are from the directory chaos runs in, "
                    + Path.of("").toAbsolutePath() + ")";
        }
        Path bin = PrometheusServer.binary();
        Path promtool = bin == null ? null : bin.resolveSibling("promtool");
        if (promtool == null || !java.nio.file.Files.isExecutable(promtool)) {
            return null;
        }
        try {
            Process p = new ProcessBuilder(promtool.toString(), "check", "rules", rules.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? null : "alerts.prometheus.rules: promtool check rules " + rules + " refused it: "
                    + out.replace('\n', ' ');
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    @Override
    public void close() {
        watch.end();
        prometheus.close();
    }
}
