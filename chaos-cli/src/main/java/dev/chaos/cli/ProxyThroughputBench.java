package dev.chaos.cli;

import dev.chaos.proxy.Link;
import dev.chaos.proxy.ProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos bench proxy-throughput}: bulk echo through the embedded proxy against a direct loopback
 * connection, with the CPU time each op costs this process (client, echo server and proxy all live
 * in it). The CPU figure is what says whether a gap in wall time is the proxy's doing or the
 * machine's: wall time can never be shorter than CPU time divided by the cores, so a proxy that
 * adds C ms of CPU per op caps throughput on a small machine however its pumps are written.
 */
@Command(name = "proxy-throughput", mixinStandardHelpOptions = true,
        description = {"Echo N MiB per op over one loopback connection, direct and through the embedded proxy",
            "(and through --via, any other forwarder); print wall and CPU time per op and the bound the",
            "CPU time puts on wall time on this machine's cores."})
final class ProxyThroughputBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--mib", defaultValue = "8", description = "MiB echoed per op (default: ${DEFAULT-VALUE})")
    int mib;

    @Option(names = "--ops", defaultValue = "100", description = "ops per round (default: ${DEFAULT-VALUE})")
    int ops;

    @Option(names = "--rounds", defaultValue = "3",
            description = "measured rounds per path, after one warm-up round; the median round is printed (default: ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--via", paramLabel = "HOST:PORT",
            description = "also measure through a forwarder you started that forwards to the echo port printed first"
                    + " (its own CPU is not in this process, so only its wall time compares)")
    String via;

    /** One measured round: wall and this process's CPU time per op, in nanoseconds. */
    record Round(double wallNanos, double cpuNanos) {
    }

    @Override
    public Integer call() throws Exception {
        if (mib < 1 || mib > 1024 || ops < 1 || rounds < 1) {
            throw new UsageException("--mib must be 1..1024, --ops and --rounds >= 1");
        }
        InetSocketAddress viaAddress = via == null ? null : parseVia(via);
        PrintWriter out = spec.commandLine().getOut();
        int cores = Runtime.getRuntime().availableProcessors();
        byte[] bulk = new byte[mib << 20];
        try (LoopbackEcho echo = new LoopbackEcho(); ProxyServer proxies = ProxyServer.embedded()) {
            Link link = proxies.create("bench", "127.0.0.1:0", "127.0.0.1:" + echo.port(), true);
            out.printf("echo server on 127.0.0.1:%d; %d MiB echoed per op (%.1f MB moved), %d ops per round, median of %d rounds, %s%n",
                    echo.port(), mib, 2.0 * bulk.length / 1e6, ops, rounds, cores(cores));
            if (viaAddress != null) {
                out.printf("--via %s must forward to 127.0.0.1:%d; waiting 5 s for it%n", via, echo.port());
                out.flush();
                Thread.sleep(5_000);
            }
            Round direct = measure(new InetSocketAddress("127.0.0.1", echo.port()), bulk);
            Round proxied = measure(new InetSocketAddress("127.0.0.1", link.port()), bulk);
            Round other = viaAddress == null ? null : measure(viaAddress, bulk);
            out.printf("%-8s %12s %9s %11s %11s %10s%n", "path", "wall ms/op", "MB/s", "CPU ms/op", "cores busy", "of direct");
            print(out, "direct", direct, direct, bulk.length);
            print(out, "proxy", proxied, direct, bulk.length);
            if (other != null) {
                print(out, "via", other, direct, bulk.length);
            }
            double added = proxied.cpuNanos() - direct.cpuNanos();
            double floor = proxied.cpuNanos() / cores;
            out.printf("the proxy adds %.1f ms of CPU per op (%.0f %% of what the direct path itself costs);%n",
                    added / 1e6, 100 * added / direct.cpuNanos());
            out.printf("on %s that CPU alone needs >= %.1f ms/op, so the proxied path can reach at most %.0f %% of direct here%n",
                    cores(cores), floor / 1e6, 100 * Math.min(1.0, direct.wallNanos() / floor));
        }
        return 0;
    }

    private static String cores(int n) {
        return n == 1 ? "1 core" : n + " cores";
    }

    private static void print(PrintWriter out, String path, Round r, Round direct, long bytes) {
        out.printf("%-8s %12.2f %9.0f %11s %11s %9.0f%%%n", path, r.wallNanos() / 1e6, 2.0 * bytes / 1e6 / (r.wallNanos() / 1e9),
                r.cpuNanos() < 0 ? "n/a" : String.format("%.2f", r.cpuNanos() / 1e6),
                r.cpuNanos() < 0 ? "n/a" : String.format("%.2f", r.cpuNanos() / r.wallNanos()),
                100 * direct.wallNanos() / r.wallNanos());
    }

    /** One warm-up round, then {@code rounds} measured ones on one connection; the median by wall time. */
    private Round measure(InetSocketAddress target, byte[] bulk) throws Exception {
        try (Socket socket = new Socket()) {
            socket.setTcpNoDelay(true);
            socket.connect(target, 10_000);
            socket.setSoTimeout(60_000); // a forwarder that stops forwarding fails the bench, it does not hang it
            round(socket, bulk);
            List<Round> measured = new ArrayList<>();
            for (int i = 0; i < rounds; i++) {
                measured.add(round(socket, bulk));
            }
            measured.sort(Comparator.comparingDouble(Round::wallNanos));
            return measured.get(measured.size() / 2);
        }
    }

    private Round round(Socket socket, byte[] bulk) throws Exception {
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        for (int i = 0; i < ops; i++) {
            echoOnce(socket, bulk);
        }
        long wall = System.nanoTime() - t0;
        long cpu1 = processCpuNanos();
        return new Round((double) wall / ops, cpu0 < 0 || cpu1 < 0 ? -1 : (double) (cpu1 - cpu0) / ops);
    }

    /** Writes the buffer from one thread while this one reads it all back. */
    private static void echoOnce(Socket socket, byte[] bulk) throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream in = socket.getInputStream();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                out.write(bulk);
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        byte[] buf = new byte[64 * 1024];
        long got = 0;
        while (got < bulk.length) {
            int n = in.read(buf);
            if (n < 0) {
                throw new IOException("the connection closed after " + got + " of " + bulk.length + " bytes echoed");
            }
            got += n;
        }
        writer.join();
    }

    private static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    private static InetSocketAddress parseVia(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        try {
            if (colon > 0) {
                int port = Integer.parseInt(hostPort.substring(colon + 1));
                if (port > 0 && port < 65536) {
                    return new InetSocketAddress(hostPort.substring(0, colon), port);
                }
            }
        } catch (NumberFormatException e) {
            // falls through to the usage error
        }
        throw new UsageException("--via " + hostPort + ": expected HOST:PORT, e.g. 127.0.0.1:9000");
    }
}
