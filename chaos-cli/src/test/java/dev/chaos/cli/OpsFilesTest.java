package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.chaos.metrics.RunMetrics;
import dev.chaos.proxy.ProxyServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped Grafana dashboard and Prometheus rules (docs/ops) ask only for metrics the endpoint
 * exports, with the embedded proxy's links included; promtool, where installed, accepts the rules
 * and passes their unit test (docs/ops/prometheus/chaos-rules.test.yml).
 */
class OpsFilesTest {

    private static final Path OPS = Path.of("../docs/ops");
    private static final Pattern METRIC = Pattern.compile("\\bchaos_[a-zA-Z0-9_]+");

    /** Family name to type, as one scrape of a run with faults and a proxy reports them. */
    private static final Map<String, String> EXPORTED = new HashMap<>();

    @BeforeAll
    static void scrapeOnce() throws InterruptedException {
        ProxyServer proxy = ProxyServer.start("127.0.0.1:0");
        try {
            RunMetrics m = new RunMetrics("s", "t", "r", 0.999, List.of("clean-split"));
            m.links(proxy.apiAddress());
            String text = m.text();
            // a JVM's first HTTP request can outlast a scrape's wait for the proxy on a loaded machine; the next scrape asks again
            for (int i = 0; i < 20 && !text.contains("chaos_link_counters_up 1"); i++) {
                Thread.sleep(500);
                text = m.text();
            }
            for (String line : text.split("\n")) {
                if (line.startsWith("# TYPE ")) {
                    String[] p = line.split(" ");
                    EXPORTED.put(p[2], p[3]);
                }
            }
        } finally {
            proxy.close();
        }
        assertTrue(EXPORTED.containsKey("chaos_link_bytes_total"), "the proxy's counters are part of the scrape: " + EXPORTED);
    }

    private static boolean exported(String name) {
        if (EXPORTED.containsKey(name)) {
            return true;
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix) && "histogram".equals(EXPORTED.get(name.substring(0, name.length() - suffix.length())))) {
                return true;
            }
        }
        return false;
    }

    /** Every string under a key named {@code key}, anywhere in the tree. */
    private static void strings(JsonNode n, String key, List<String> out) {
        if (n.isObject()) {
            n.properties().forEach(e -> {
                if (e.getKey().equals(key) && e.getValue().isTextual()) {
                    out.add(e.getValue().asText());
                } else {
                    strings(e.getValue(), key, out);
                }
            });
        } else if (n.isArray()) {
            n.forEach(c -> strings(c, key, out));
        }
    }

    private static Set<String> metricsNamedIn(List<String> queries) {
        Set<String> names = new TreeSet<>();
        for (String q : queries) {
            Matcher m = METRIC.matcher(q);
            while (m.find()) {
                names.add(m.group());
            }
        }
        return names;
    }

    @Test
    void theDashboardAsksOnlyForExportedMetrics() throws Exception {
        JsonNode dash = new ObjectMapper().readTree(OPS.resolve("grafana/chaos-dashboard.json").toFile());
        List<String> queries = new ArrayList<>();
        strings(dash, "expr", queries);
        strings(dash, "definition", queries);
        Set<String> named = metricsNamedIn(queries);
        assertTrue(named.containsAll(Set.of("chaos_ops_total", "chaos_op_latency_seconds_bucket", "chaos_fault_active",
                "chaos_link_bytes_total", "chaos_run_phase")), "the dashboard shows calls, latency, faults, links, phase: " + named);
        List<String> unknown = named.stream().filter(n -> !exported(n)).toList();
        assertEquals(List.of(), unknown, "named by the dashboard, exported by no scrape (exported: " + EXPORTED.keySet() + ")");
    }

    @Test
    void theRulesAskOnlyForExportedMetrics() throws Exception {
        JsonNode rules = new ObjectMapper(new YAMLFactory()).readTree(OPS.resolve("prometheus/chaos-rules.yml").toFile());
        List<String> queries = new ArrayList<>();
        strings(rules, "expr", queries);
        assertEquals(9, queries.size(), "six error ratios and three alerts");
        Set<String> named = metricsNamedIn(queries);
        assertEquals(Set.of("chaos_ops_total", "chaos_slo_availability_objective"), named);
        named.forEach(n -> assertTrue(exported(n), n));
    }

    @Test
    void promtoolAcceptsTheRulesAndTheirUnitTestPasses() throws Exception {
        String promtool = onPath("promtool");
        assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus; CI installs it with"
                + " .ci/install-prometheus.sh): the rules' syntax and unit test are not checked here");
        Path dir = OPS.resolve("prometheus");
        assertEquals("", run(dir, promtool, "check", "rules", "chaos-rules.yml"));
        assertEquals("", run(dir, promtool, "test", "rules", "chaos-rules.test.yml"));
    }

    /** Runs the command; "" when it exits 0, else its output. */
    private static String run(Path dir, String... command) throws Exception {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "promtool finished");
        return p.exitValue() == 0 ? "" : String.join(" ", command) + " exited " + p.exitValue() + ":\n" + out;
    }

    private static String onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(d, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        return null;
    }
}
