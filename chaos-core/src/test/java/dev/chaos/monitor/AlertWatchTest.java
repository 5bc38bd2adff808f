package dev.chaos.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chaos.history.Op;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Prometheus' alert lists, one per poll, turned into transitions: each change once, in order. */
class AlertWatchTest {

    private final Deque<String> answers = new ArrayDeque<>();
    private final List<Op> recorded = new ArrayList<>();
    private final AlertWatch watch = new AlertWatch(() -> {
        String a = answers.poll();
        if (a == null || a.equals("down")) {
            throw new java.io.IOException("connection refused");
        }
        return a;
    }, Map.of("expect", List.of()), Duration.ofHours(1), line -> { });

    private static String alerts(String... entries) {
        return "{\"status\":\"success\",\"data\":{\"alerts\":[" + String.join(",", entries) + "]}}";
    }

    private static String alert(String name, String node, String state) {
        return "{\"labels\":{\"alertname\":\"" + name + "\",\"node\":\"" + node + "\"},\"annotations\":{},\"state\":\"" + state
                + "\",\"activeAt\":\"2026-12-03T10:00:00Z\",\"value\":\"0e+00\"}";
    }

    private List<String> fs() {
        return recorded.stream().map(op -> op.f() + (op.value() instanceof Map<?, ?> v && v.get("alert") != null
                ? " " + v.get("alert") + " " + v.get("labels") : "")).toList();
    }

    @Test
    void eachChangeIsRecordedOnceAndAnAlertThatLeavesTheListIsResolved() throws Exception {
        watch.open(recorded::add);
        answers.add(alerts());
        answers.add(alerts(alert("EtcdNoLeader", "n1", "pending")));
        answers.add(alerts(alert("EtcdNoLeader", "n1", "pending")));
        answers.add("down"); // a failed read changes nothing
        answers.add(alerts(alert("EtcdNoLeader", "n1", "firing"), alert("EtcdNoLeader", "n2", "firing")));
        answers.add(alerts(alert("EtcdNoLeader", "n2", "firing")));
        answers.add(alerts(alert("EtcdNoLeader", "n2", "firing")));
        for (int i = 0; i < 7; i++) {
            watch.poll();
        }
        watch.end();
        watch.end();
        assertEquals(List.of("monitor-start", "alert-pending EtcdNoLeader {node=n1}", "alert-firing EtcdNoLeader {node=n1}",
                "alert-firing EtcdNoLeader {node=n2}", "alert-resolved EtcdNoLeader {node=n1}", "monitor-stop"), fs());
        Map<?, ?> stop = (Map<?, ?>) recorded.get(recorded.size() - 1).value();
        assertEquals(6L, stop.get("polls"));
        assertEquals(1L, stop.get("failed-polls"));
        assertEquals("connection refused", stop.get("last-error"));
        assertEquals(List.of("EtcdNoLeader"), stop.get("firing"));
        assertTrue(recorded.stream().allMatch(op -> op.process().equals(AlertWatch.MONITOR) && op.isInfo()));
    }

    @Test
    void theConfigScrapesEachNodeDirectlyWithItsNameAndAnIntervalPrometheusAccepts() {
        String y = PrometheusServer.config("etcd", Map.of("n2", URI.create("http://10.0.2.10:2379/metrics"),
                "n1", URI.create("http://10.0.1.10:2379/metrics")), Path.of("/run/rules.yml"), Duration.ofSeconds(1));
        assertTrue(y.contains("  scrape_interval: 1000ms\n  evaluation_interval: 1000ms\n  scrape_timeout: 800ms\n"), y);
        assertTrue(y.contains("rule_files:\n  - '/run/rules.yml'\n"), y);
        assertTrue(y.contains("  - job_name: 'etcd'\n    metrics_path: '/metrics'\n"), y);
        assertTrue(y.contains("      - targets: ['10.0.1.10:2379']\n        labels: {node: 'n1'}\n"
                + "      - targets: ['10.0.2.10:2379']\n        labels: {node: 'n2'}\n"), y);
    }

    @Test
    void moreJobsAreScrapedAsTheyAreGiven() {
        String y = PrometheusServer.config("etcd", Map.of("n1", URI.create("http://10.0.1.10:2379/metrics")),
                List.of(new dev.chaos.scenario.ScrapeJob("chaos", List.of("127.0.0.1:9400", "127.0.0.1:9401"), null)),
                Path.of("/run/rules.yml"), Duration.ofSeconds(2));
        assertTrue(y.contains("  scrape_interval: 2000ms\n"), y);
        assertTrue(y.endsWith("  - job_name: 'chaos'\n    metrics_path: '/metrics'\n    static_configs:\n"
                + "      - targets: ['127.0.0.1:9400', '127.0.0.1:9401']\n"), y);
    }
}
