package dev.chaos.cli;

import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.OpType;
import dev.chaos.history.ProcessId;
import dev.chaos.history.io.HistoryRecorder;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos bench recorder}: the history recorder's cost per op as a run pays it, at a given
 * offered load. JMH's closed loop measures the saturated case, where latency is queueing by Little's
 * law (writers / throughput); this measures the open loop a rate-limited run produces.
 */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = "Measure chaos' own hot paths on this machine (prints figures).",
        subcommands = {BenchCommand.RecorderBench.class, BenchCommand.ProxyConnectionsBench.class, ProxyThroughputBench.class,
            ProxyLatencyBench.class, ReportBench.class, HarnessBench.class, TxnCheckBench.class})
final class BenchCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "recorder", mixinStandardHelpOptions = true,
            description = {"Append ops to a history file from concurrent writers at a fixed total rate;",
                "print achieved ops/s and per-append latency percentiles (lock wait and write included)."})
    static final class RecorderBench implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--writers", defaultValue = "16", description = "concurrent writers (default: ${DEFAULT-VALUE})")
        int writers;

        @Option(names = "--rate", defaultValue = "100000", description = "total ops/s offered; 0 = as fast as possible (default: ${DEFAULT-VALUE})")
        long rate;

        @Option(names = "--seconds", defaultValue = "10", description = "measured duration (default: ${DEFAULT-VALUE}), after 3 s of warm-up")
        int seconds;

        @Option(names = "--platform-threads",
                description = "writers on platform threads (default: virtual threads, as a run's clients are)")
        boolean platformThreads;

        @Override
        public Integer call() throws Exception {
            if (writers < 1 || seconds < 1 || rate < 0) {
                throw new UsageException("--writers and --seconds must be >= 1, --rate >= 0");
            }
            PrintWriter out = spec.commandLine().getOut();
            Path file = Files.createTempFile("chaos-bench-recorder", ".jsonl");
            Recorder latencies = new Recorder(3);
            try (HistoryRecorder rec = HistoryRecorder.create(file, new HistoryHeader(HistoryHeader.FORMAT_V1, "bench",
                    null, List.of(), null, null, Version.tool()))) {
                long warmEnd = System.nanoTime() + 3_000_000_000L;
                long end = warmEnd + seconds * 1_000_000_000L;
                long periodNanos = rate == 0 ? 0 : writers * 1_000_000_000L / rate;
                long[] counts = new long[writers];
                List<Thread> threads = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int id = w;
                    Runnable body = () -> {
                        ProcessId p = ProcessId.client(id);
                        long next = System.nanoTime();
                        boolean open = false;
                        long n = 0;
                        while (true) {
                            long now = System.nanoTime();
                            if (now >= end) {
                                break;
                            }
                            if (periodNanos > 0) {
                                if (now < next) {
                                    LockSupport.parkNanos(next - now);
                                    continue;
                                }
                                next += periodNanos;
                            }
                            long t0 = System.nanoTime();
                            rec.record(new Op(-1, -1, p, open ? OpType.OK : OpType.INVOKE, "write", "r1", n, "n1", null, false));
                            long t1 = System.nanoTime();
                            open = !open;
                            if (t0 >= warmEnd) {
                                latencies.recordValue(t1 - t0);
                                n++;
                            }
                        }
                        counts[id] = n;
                    };
                    threads.add(platformThreads ? Thread.ofPlatform().start(body) : Thread.ofVirtual().start(body));
                }
                for (Thread t : threads) {
                    t.join();
                }
                long total = 0;
                for (long c : counts) {
                    total += c;
                }
                Histogram h = latencies.getIntervalHistogram();
                out.printf("writers %d (%s threads), offered %s ops/s, measured %d s%n", writers,
                        platformThreads ? "platform" : "virtual", rate == 0 ? "unlimited" : Long.toString(rate), seconds);
                out.printf("appended %.0f ops/s; latency per append: p50 %.1f us  p90 %.1f us  p99 %.1f us  p99.9 %.1f us  max %.1f us%n",
                        total / (double) seconds, h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(90) / 1e3,
                        h.getValueAtPercentile(99) / 1e3, h.getValueAtPercentile(99.9) / 1e3, h.getMaxValue() / 1e3);
                out.printf("history file: %.1f MB%n", Files.size(file) / 1e6);
            } finally {
                Files.deleteIfExists(file);
            }
            return 0;
        }
    }

    @Command(name = "proxy-connections", mixinStandardHelpOptions = true,
            description = {"Open N connections through one embedded proxy to a loopback echo server, one byte",
                "echoed on each; print the heap each connection costs, with and without the proxy."})
    static final class ProxyConnectionsBench implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--connections", defaultValue = "1000", description = "connections (default: ${DEFAULT-VALUE})")
        int connections;

        @Override
        public Integer call() throws Exception {
            if (connections < 1 || connections > 20_000) {
                throw new UsageException("--connections must be 1..20000");
            }
            try (LoopbackEcho echo = new LoopbackEcho();
                 dev.chaos.proxy.ProxyServer proxies = dev.chaos.proxy.ProxyServer.embedded()) {
                long direct = perConnection(echo.port());
                dev.chaos.proxy.Link link = proxies.create("bench", "127.0.0.1:0", "127.0.0.1:" + echo.port(), true);
                long proxied = perConnection(link.port());
                spec.commandLine().getOut().printf("%d connections: %d bytes of heap each direct, %d through the proxy:"
                        + " the proxy's share is %d bytes per connection%n", connections, direct, proxied, proxied - direct);
            }
            return 0;
        }

        private long perConnection(int port) throws Exception {
            java.net.Socket[] sockets = new java.net.Socket[connections];
            long before = usedHeap();
            try {
                for (int i = 0; i < connections; i++) {
                    sockets[i] = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
                    sockets[i].getOutputStream().write(1);
                    if (sockets[i].getInputStream().read() != 1) {
                        throw new IllegalStateException("connection " + i + " did not echo");
                    }
                }
                return (usedHeap() - before) / connections;
            } finally {
                for (java.net.Socket s : sockets) {
                    if (s != null) {
                        s.close();
                    }
                }
                Thread.sleep(300);
            }
        }

        private static long usedHeap() {
            for (int i = 0; i < 5; i++) {
                System.gc();
            }
            Runtime r = Runtime.getRuntime();
            return r.totalMemory() - r.freeMemory();
        }
    }
}
