package dev.chaos.cli;

import dev.chaos.cluster.Directories;
import dev.chaos.checker.CheckResult;
import dev.chaos.checker.stats.StatsChecker;
import dev.chaos.cluster.Cluster;
import dev.chaos.history.History;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.io.HistoryFiles;
import dev.chaos.metrics.MetricsServer;
import dev.chaos.metrics.RunMetrics;
import dev.chaos.run.RunSpec;
import dev.chaos.run.Runner;
import dev.chaos.scenario.Scenario;
import dev.chaos.workload.Client;
import dev.chaos.workload.Workload;
import dev.chaos.workload.Workloads;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos bench harness}: the harness's own ceiling. The real runner (rate schedule, client
 * processes, op timeouts, the history recorder) drives an in-process target whose every call
 * succeeds at once, so whatever rate it cannot make is chaos' limit, not a system's. Every op is
 * in the history, which is read back and checked well-formed; the stats checker's schedule says
 * which side held late calls back.
 */
@Command(name = "harness", mixinStandardHelpOptions = true,
        description = {"Run the real runner against an in-process no-op target (every call ok at once) at a rate;",
            "print ops/s recorded into the history, how far calls fell behind their slots, and the limit."})
final class HarnessBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rate", defaultValue = "200000", description = "client ops/s asked (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--concurrency", defaultValue = "64", description = "client processes (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--seconds", defaultValue = "10", description = "client phase (default: ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--metrics", description = "also feed the live metrics (as chaos run --metrics does) and scrape them every second over HTTP")
    boolean metrics;

    @Option(names = "--keep", description = "keep the run directory (history.jsonl) and print where it is")
    boolean keep;

    /** Every call succeeds at once; reads see nothing. Only the harness's cost remains. */
    static final class NoOpCluster implements Cluster {

        @Override
        public List<String> nodes() {
            return List.of("n1", "n2", "n3");
        }

        @Override
        public Client openClient(String node, Workload workload) {
            return new Client() {
                @Override
                public Op invoke(Op op) {
                    Object value = op.f().equals("read") ? List.of() : op.value();
                    return new Op(-1, -1, op.process(), OpType.OK, op.f(), op.key(), value, op.node(), null, false);
                }

                @Override
                public void close() {
                }
            };
        }

        @Override
        public Object localRead(String node, Workload workload) {
            return List.of();
        }

        @Override
        public void close() {
        }
    }

    @Override
    public Integer call() throws Exception {
        if (rate <= 0 || concurrency < 1 || seconds < 1) {
            throw new UsageException("--rate must be > 0, --concurrency and --seconds >= 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path dir = Files.createTempDirectory("chaos-bench-harness");
        try {
            Scenario scenario = new Scenario("bench-harness", "", "set", 3, rate, concurrency, Duration.ofSeconds(seconds),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), "linearizable", 1L, List.of(), List.of("stats"), null);
            Workload workload = Workloads.create("set").orElseThrow();
            RunSpec rs = new RunSpec(scenario, "no-op", "in-process", 1, dir);
            Runner runner = new Runner(rs, new NoOpCluster(), workload, step -> {
                throw new IllegalStateException("no faults are scheduled");
            }, line -> { });
            RunMetrics live = metrics ? RunMetrics.of(rs) : null;
            MetricsServer server = live == null ? null : MetricsServer.start(new java.net.InetSocketAddress("127.0.0.1", 0), live::text);
            Scraper scraper = server == null ? null : new Scraper(server.url());
            if (live != null) {
                live.watch(runner);
            }
            long t0 = System.nanoTime();
            Path file;
            try {
                file = runner.run(Version.tool());
            } finally {
                if (scraper != null) {
                    scraper.stop();
                }
                if (server != null) {
                    server.close();
                }
            }
            long runNanos = System.nanoTime() - t0;
            History h = HistoryFiles.read(file).history();
            CheckResult stats = new StatsChecker().check(h);
            @SuppressWarnings("unchecked")
            Map<String, Object> schedule = (Map<String, Object>) stats.details().get("schedule");
            @SuppressWarnings("unchecked")
            Map<String, Object> lag = (Map<String, Object>) schedule.get("lag-us");
            long calls = ((Number) schedule.get("calls")).longValue();
            out.printf("harness: no-op target, %d clients, %.0f ops/s asked for %d s (run %.1f s in all)%s%n", concurrency, rate,
                    seconds, runNanos / 1e9, scraper == null ? "" : ", live metrics on, " + scraper.scrapes + " scrapes of "
                            + scraper.bytes / Math.max(1, scraper.scrapes) + " bytes");
            out.printf("%-28s %12s%n", "client calls in the history", calls);
            out.printf("%-28s %12s%n", "history lines", h.size());
            out.printf("%-28s %12.0f%n", "calls/s made", ((Number) schedule.get("made-per-second")).doubleValue());
            out.printf("%-28s %12.0f%n", "history lines/s", 2 * ((Number) schedule.get("made-per-second")).doubleValue());
            out.printf("%-28s %9.1f ms / %.1f ms / %.1f ms%n", "behind slot p50/p99/max", micros(lag.get("p50")) / 1000,
                    micros(lag.get("p99")) / 1000, micros(lag.get("max")) / 1000);
            Object limit = schedule.get("limit");
            out.println("limit: " + (limit == null ? "none: every call went out within 5 ms of its slot" : limit));
            if (keep) {
                out.println("history: " + file);
            }
            out.flush();
            return 0;
        } finally {
            if (!keep) {
                Directories.deleteTree(dir);
            }
        }
    }

    /** Scrapes the metrics endpoint every second, as a Prometheus would, so the bench pays for scrapes too. */
    static final class Scraper {
        private final Thread thread;
        volatile int scrapes;
        volatile long bytes;

        Scraper(String url) {
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            java.net.http.HttpRequest get = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build();
            thread = Thread.ofPlatform().daemon().name("bench-scraper").start(() -> {
                try {
                    while (true) {
                        Thread.sleep(1000);
                        String body = http.send(get, java.net.http.HttpResponse.BodyHandlers.ofString()).body();
                        bytes += body.length();
                        scrapes++;
                    }
                } catch (InterruptedException | IOException e) {
                    // stopped with the run
                }
            });
        }

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join();
        }
    }

    private static double micros(Object v) {
        return ((Number) v).doubleValue();
    }
}
