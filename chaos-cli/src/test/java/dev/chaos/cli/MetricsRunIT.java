package dev.chaos.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.metrics.Exposition;
import dev.chaos.metrics.Exposition.Sample;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chaos run --metrics} against real local ZooKeeper (3 nodes, a clean split from 4 s to
 * 10 s of a 15 s run), scraped over HTTP every half second as a Prometheus would: every scrape
 * parses, the call counters grow, the fault gauge is 1 while the split is held and 0 after, the
 * links' bytes come from the real proxy, and the port is closed when the run ends.
 */
class MetricsRunIT {

    /** promtool from Debian's prometheus package, when installed: a second, independent reader of the text. */
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    private static final Pattern URL = Pattern.compile("metrics at (http://\\S+/metrics)");

    /** One scrape: when, and what it said. */
    record Scrape(long millis, String text, List<Sample> samples) {
        double sum(String name, Map<String, String> labels) {
            return samples.stream().filter(s -> s.name().equals(name) && s.labels().entrySet().containsAll(labels.entrySet()))
                    .mapToDouble(Sample::value).sum();
        }

        String phase() {
            return samples.stream().filter(s -> s.name().equals("chaos_run_phase") && s.value() == 1).findFirst().orElseThrow()
                    .label("phase");
        }
    }

    @Test
    void aScrapedRunShowsItsCallsItsFaultAndItsLinks(@TempDir Path tmp) throws Exception {
        Path scenario = tmp.resolve("split.yaml");
        Files.writeString(scenario, """
                name: metrics-split
                workload: set
                nodes: 3
                duration: 15s
                rate: 50
                schedule:
                  - {fault: clean-split, at: 4s, hold: 6s}
                slo:
                  availability-objective: 99%
                """);
        Path dir = tmp.resolve("run");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        Thread run = Thread.ofPlatform().start(() -> exit.set(Main.execute(new String[] {"run", scenario.toString(), "--seed", "3",
            "--out", dir.toString(), "--metrics", "127.0.0.1:0"}, new PrintWriter(out, true), new PrintWriter(err, true))));

        String url = null;
        for (int i = 0; i < 600 && url == null && run.isAlive(); i++) {
            Matcher m = URL.matcher(out.toString());
            url = m.find() ? m.group(1) : null;
            Thread.sleep(100);
        }
        assertNotNull(url, "the run printed where its metrics are: " + out + err);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpRequest get = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build();
        List<Scrape> scrapes = new ArrayList<>();
        long t0 = System.nanoTime();
        while (run.isAlive()) {
            try {
                HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
                assertEquals(200, r.statusCode());
                assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/plain; version=0.0.4"));
                scrapes.add(new Scrape((System.nanoTime() - t0) / 1_000_000, r.body(), Exposition.parse(r.body()))); // throws if malformed
            } catch (ConnectException closed) {
                break; // the run ended between the check and the scrape
            }
            Thread.sleep(500);
        }
        run.join();
        assertTrue(exit.get() == 0 || exit.get() == 1, "a verdict, not an error: " + exit.get() + "\n" + out + err);

        List<Scrape> faults = scrapes.stream().filter(s -> s.phase().equals("faults")).toList();
        assertTrue(faults.size() >= 4, "scraped while the split was held: " + scrapes.stream().map(Scrape::phase).toList());
        Scrape during = faults.get(faults.size() / 2);
        if (Files.isExecutable(PROMTOOL)) {
            Process p = new ProcessBuilder(PROMTOOL.toString(), "check", "metrics").redirectErrorStream(true).start();
            try (var in = p.getOutputStream()) {
                in.write(during.text().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            String said = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, p.waitFor(), "promtool check metrics: " + said);
            assertEquals("", said.strip(), "promtool finds nothing to lint");
        }
        assertEquals(1, during.sum("chaos_fault_active", Map.of("kind", "clean-split", "occurrence", "0")));
        assertEquals(1, during.sum("chaos_faults_started_total", Map.of("kind", "clean-split")));
        Scrape last = scrapes.get(scrapes.size() - 1);
        assertTrue(List.of("recovery", "final-reads", "done").contains(last.phase()), last.phase());
        Scrape recovery = scrapes.stream().filter(s -> s.phase().equals("recovery")).reduce((a, b) -> b).orElseThrow();
        assertEquals(0, recovery.sum("chaos_fault_active", Map.of("occurrence", "0")));
        assertEquals(0, last.sum("chaos_fault_active", Map.of("occurrence", "0")));

        Scrape early = scrapes.stream().filter(s -> s.phase().equals("warm-up")).findFirst().orElseThrow();
        double callsEarly = early.sum("chaos_ops_total", Map.of());
        double callsDuring = during.sum("chaos_ops_total", Map.of());
        double callsLast = last.sum("chaos_ops_total", Map.of());
        assertTrue(callsEarly < callsDuring && callsDuring < callsLast, callsEarly + " < " + callsDuring + " < " + callsLast);
        assertTrue(last.sum("chaos_ops_total", Map.of("type", "fail")) + last.sum("chaos_ops_total", Map.of("type", "info")) > 0,
                "the minority's calls failed or timed out");
        assertEquals(callsLast, last.sum("chaos_op_latency_seconds_count", Map.of("kind", "response")));
        assertEquals(callsLast, last.sum("chaos_op_latency_seconds_bucket", Map.of("kind", "service", "le", "+Inf")));

        assertEquals(1, recovery.sum("chaos_link_counters_up", Map.of()));
        double peerBytesEarly = early.sum("chaos_link_bytes_total", Map.of());
        double peerBytesLast = recovery.sum("chaos_link_bytes_total", Map.of());
        assertTrue(last.sum("chaos_link_bytes_total", Map.of()) >= peerBytesLast, "the links keep their last reading");
        assertTrue(peerBytesLast > peerBytesEarly && peerBytesEarly > 0, peerBytesEarly + " -> " + peerBytesLast);
        assertTrue(during.sum("chaos_link_dropped_bytes_total", Map.of()) > 0, "the split's black holes dropped bytes");
        assertEquals(1, last.sum("chaos_run_info", Map.of("scenario", "metrics-split", "target", "zookeeper", "run_id", "run")));
        assertEquals(0.99, last.sum("chaos_slo_availability_objective", Map.of()), 1e-9);

        assertThrows(ConnectException.class, () -> http.send(get, HttpResponse.BodyHandlers.ofString()), "closed with the run");

        JsonNode budget = new ObjectMapper().readTree(dir.resolve("results.json").toFile()).get("checkers").get("slo")
                .get("error-budget");
        assertNotNull(budget, "the slo checker spent the objective's budget per phase");
        assertTrue(budget.get("run").get("calls").asLong() > 0);
        System.out.println("MetricsRunIT: " + scrapes.size() + " scrapes, " + (long) callsLast + " calls, budget " + budget);
        System.out.println("MetricsRunIT: scrape during the split:\n" + during.samples().stream()
                .filter(s -> !s.name().startsWith("chaos_op_latency") && !s.name().startsWith("chaos_link")).toList());
    }
}
