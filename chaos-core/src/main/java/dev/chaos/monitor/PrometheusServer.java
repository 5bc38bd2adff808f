package dev.chaos.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chaos.scenario.ScrapeJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A Prometheus process of the run's own (Debian's {@code prometheus}, {@code .ci/install-prometheus.sh}):
 * its configuration, a copy of the rules and its log in one directory of the run, listening on a
 * free loopback port, scraping each node's metrics endpoint and evaluating the rules every
 * {@code interval}. Closing it stops the process and deletes its time-series data (the history
 * holds what the run needs of it).
 */
public final class PrometheusServer implements AutoCloseable {

    /** Where Prometheus is looked for when {@code CHAOS_PROMETHEUS} names none. */
    public static final Path DEBIAN_BINARY = Path.of("/usr/bin/prometheus");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final URI api;
    private final Path dir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private PrometheusServer(Process process, URI api, Path dir) {
        this.process = process;
        this.api = api;
        this.dir = dir;
    }

    /** The prometheus binary: {@code CHAOS_PROMETHEUS}, else Debian's, else one on the PATH; null when there is none. */
    public static Path binary() {
        String env = System.getenv("CHAOS_PROMETHEUS");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        if (Files.isExecutable(DEBIAN_BINARY)) {
            return DEBIAN_BINARY;
        }
        for (String d : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            Path p = Path.of(d.isEmpty() ? "." : d, "prometheus");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts Prometheus and waits until it is ready and has scraped every endpoint once (or
     * {@code timeout} passed: a node that is down from the start is what an alert is for).
     *
     * @param dir       its directory (created): prometheus.yml, rules.yml, prometheus.log, data/
     * @param job       the scrape job's name
     * @param endpoints each node's metrics URL, labelled {@code node="<name>"}
     * @param rules     the rules file, copied into {@code dir}
     * @param interval  scrape and evaluation interval
     */
    public static PrometheusServer start(Path dir, String job, Map<String, URI> endpoints, Path rules, Duration interval,
                                         Duration timeout, Consumer<String> log) throws IOException, InterruptedException {
        return start(dir, job, endpoints, List.of(), rules, interval, timeout, log);
    }

    /** As above, also scraping {@code more} jobs (chaos' own metrics). */
    public static PrometheusServer start(Path dir, String job, Map<String, URI> endpoints, List<ScrapeJob> more, Path rules,
                                         Duration interval, Duration timeout, Consumer<String> log) throws IOException, InterruptedException {
        Path bin = binary();
        if (bin == null) {
            throw new IOException("no prometheus binary: install Debian's prometheus package (.ci/install-prometheus.sh)"
                    + " or name one in CHAOS_PROMETHEUS");
        }
        Files.createDirectories(dir);
        Path rulesCopy = dir.resolve("rules.yml");
        Files.copy(rules, rulesCopy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Path config = dir.resolve("prometheus.yml");
        Files.writeString(config, config(job, endpoints, more, rulesCopy.toAbsolutePath(), interval), StandardCharsets.UTF_8);
        int port = freePort();
        // the owner mark lets `chaos clean` stop it if this JVM dies without its shutdown hook (SIGKILL);
        // the config file comes last: it names the leftover's run
        List<String> cmd = new ArrayList<>(List.of(bin.toString(),
                dev.chaos.cluster.LocalLeftovers.ownerTitleFlag(),
                "--storage.tsdb.path=" + dir.resolve("data").toAbsolutePath(),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=info",
                "--config.file=" + config.toAbsolutePath()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("prometheus.log").toFile()).start();
        PrometheusServer s = new PrometheusServer(p, URI.create("http://127.0.0.1:" + port), dir);
        try {
            s.awaitReady(timeout);
            s.awaitScraped(job, endpoints.size(), timeout);
        } catch (IOException | InterruptedException | RuntimeException e) {
            s.close();
            throw e;
        }
        log.accept("prometheus " + s.api + " (pid " + p.pid() + ") scraping " + endpoints.size() + " " + job + " endpoints every "
                + interval.toMillis() + " ms");
        return s;
    }

    /** The HTTP API's base, e.g. {@code http://127.0.0.1:40123}. */
    public URI api() {
        return api;
    }

    public long pid() {
        return process.pid();
    }

    /** prometheus.yml: one job, one static target per node labelled with its name, the rules, the interval. */
    static String config(String job, Map<String, URI> endpoints, Path rules, Duration interval) {
        return config(job, endpoints, List.of(), rules, interval);
    }

    /** As above, with {@code more} jobs, one static config of their targets each. */
    static String config(String job, Map<String, URI> endpoints, List<ScrapeJob> more, Path rules, Duration interval) {
        long ms = interval.toMillis();
        StringBuilder y = new StringBuilder();
        y.append("# written by chaos for one run\n");
        y.append("global:\n");
        y.append("  scrape_interval: ").append(ms).append("ms\n");
        y.append("  evaluation_interval: ").append(ms).append("ms\n");
        // a scrape must end before the next one is due; Prometheus refuses a timeout over the interval
        y.append("  scrape_timeout: ").append(ms * 8 / 10).append("ms\n");
        y.append("rule_files:\n  - ").append(quote(rules.toString())).append('\n');
        y.append("scrape_configs:\n");
        y.append("  - job_name: ").append(quote(job)).append('\n');
        String path = endpoints.values().stream().map(URI::getPath).filter(x -> x != null && !x.isEmpty()).findFirst().orElse("/metrics");
        y.append("    metrics_path: ").append(quote(path)).append('\n');
        y.append("    static_configs:\n");
        endpoints.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            y.append("      - targets: [").append(quote(e.getValue().getHost() + ":" + e.getValue().getPort())).append("]\n");
            y.append("        labels: {node: ").append(quote(e.getKey())).append("}\n");
        });
        for (ScrapeJob j : more) {
            y.append("  - job_name: ").append(quote(j.job())).append('\n');
            y.append("    metrics_path: ").append(quote(j.pathOrDefault())).append('\n');
            y.append("    static_configs:\n");
            y.append("      - targets: [").append(String.join(", ", j.targets().stream().map(PrometheusServer::quote).toList()))
                    .append("]\n");
        }
        return y.toString();
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** GET {@code path} of the API; the body, or an IOException naming the status. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(2)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("prometheus " + path + ": HTTP " + r.statusCode() + ": " + r.body().strip());
        }
        return r.body();
    }

    private void awaitReady(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IOException("prometheus exited with " + process.exitValue() + " before it was ready: " + logTail());
            }
            try {
                get("/-/ready");
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("prometheus not ready within " + timeout.toSeconds() + " s: " + e.getMessage() + "; " + logTail());
                }
            }
            Thread.sleep(100);
        }
    }

    /** Until every target has a first {@code up} sample: alerts on {@code up} mean something from time 0. */
    private void awaitScraped(String job, int targets, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String query = java.net.URLEncoder.encode("up{job=\"" + job + "\"}", StandardCharsets.UTF_8);
        while (System.nanoTime() < deadline) {
            JsonNode r = JSON.readTree(get("/api/v1/query?query=" + query));
            if (r.path("data").path("result").size() >= targets) {
                return;
            }
            Thread.sleep(200);
        }
    }

    /** The last lines of prometheus.log, for a message. */
    public String logTail() {
        try {
            List<String> lines = Files.readAllLines(dir.resolve("prometheus.log"), StandardCharsets.UTF_8);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        Path data = dir.resolve("data");
        if (Files.isDirectory(data)) {
            try (Stream<Path> all = Files.walk(data)) {
                all.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            } catch (IOException ignored) {
                // the run directory keeps it; nothing else depends on it
            }
        }
    }
}
