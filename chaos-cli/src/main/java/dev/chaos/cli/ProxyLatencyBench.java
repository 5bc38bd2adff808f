package dev.chaos.cli;

import dev.chaos.proxy.Direction;
import dev.chaos.proxy.Link;
import dev.chaos.proxy.ProxyServer;
import dev.chaos.proxy.Toxic;
import dev.chaos.proxy.ToxicType;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code chaos bench proxy-latency}: the delay a {@code latency} toxic really adds to a request's
 * response, for a response of one chunk and one of many. A link with latency L should add L to
 * both; a proxy that delays each chunk in turn instead adds L per chunk to the long one.
 */
@Command(name = "proxy-latency", mixinStandardHelpOptions = true,
        description = {"Request/response over loopback TCP, direct and through the embedded proxy with a downstream",
            "latency toxic: a small response (one chunk) and a large one written at once (many chunks), at",
            "each latency; print median and p99 of the delay the proxy added (proxied time - direct median)."})
final class ProxyLatencyBench implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--latency", split = ",", defaultValue = "50,300", description = "latencies in ms (default: ${DEFAULT-VALUE})")
    long[] latencies;

    @Option(names = "--small", defaultValue = "1024", description = "bytes of the one-chunk response (default: ${DEFAULT-VALUE})")
    int small;

    @Option(names = "--large", defaultValue = "1048576", description = "bytes of the many-chunk response (default: ${DEFAULT-VALUE})")
    int large;

    @Option(names = "--samples", defaultValue = "20", description = "measured requests per case, after 2 warm-up ones (default: ${DEFAULT-VALUE})")
    int samples;

    @Override
    public Integer call() throws Exception {
        if (samples < 1 || small < 1 || large < 1 || small > (64 << 20) || large > (64 << 20) || latencies.length == 0) {
            throw new UsageException("--samples, --small and --large must be >= 1 (sizes at most 64 MiB), --latency non-empty");
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Responder responder = new Responder(); ProxyServer proxies = ProxyServer.embedded()) {
            Link link = proxies.create("bench", "127.0.0.1:0", "127.0.0.1:" + responder.port(), true);
            out.printf("responses written at once by a loopback server; latency on the proxy's downstream; %d samples per case%n", samples);
            out.printf("%-26s %8s %11s %14s %14s %14s%n", "case", "latency", "direct p50", "added p50", "added p99", "p50 / latency");
            for (long latency : latencies) {
                proxies.addToxic("bench", new Toxic("lat", ToxicType.LATENCY, Direction.DOWNSTREAM, 1.0, Map.of("latency", latency)));
                for (int size : new int[] {small, large}) {
                    double direct = median(times(responder.port(), size));
                    double[] added = times(link.port(), size);
                    for (int i = 0; i < added.length; i++) {
                        added[i] -= direct;
                    }
                    Arrays.sort(added);
                    double p50 = added[added.length / 2];
                    double p99 = added[Math.min(added.length - 1, (int) Math.ceil(added.length * 0.99) - 1)];
                    out.printf("%-26s %5d ms %8.2f ms %11.1f ms %11.1f ms %14.2f%n", label(size), latency, direct / 1e6,
                            p50 / 1e6, p99 / 1e6, p50 / 1e6 / latency);
                    out.flush();
                }
                proxies.removeToxic("bench", "lat");
            }
        }
        return 0;
    }

    private String label(int size) {
        return (size == small ? "one chunk, " : "many chunks, ") + (size >= 1 << 20 ? (size >> 20) + " MiB" : size >= 1024 ? (size >> 10) + " KiB" : size + " B");
    }

    /** Nanoseconds from sending each request to having read its whole response, on one connection. */
    private double[] times(int port, int size) throws IOException {
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setTcpNoDelay(true);
            s.setSoTimeout(120_000); // a proxy that stops forwarding fails the bench, it does not hang it
            DataOutputStream req = new DataOutputStream(s.getOutputStream());
            InputStream in = s.getInputStream();
            byte[] buf = new byte[64 * 1024];
            double[] t = new double[samples];
            for (int i = -2; i < samples; i++) {
                long t0 = System.nanoTime();
                req.writeInt(size);
                req.flush();
                for (long got = 0; got < size; ) {
                    int n = in.read(buf, 0, (int) Math.min(buf.length, size - got));
                    if (n < 0) {
                        throw new IOException("the connection closed after " + got + " of " + size + " bytes");
                    }
                    got += n;
                }
                if (i >= 0) {
                    t[i] = System.nanoTime() - t0;
                }
            }
            return t;
        }
    }

    private static double median(double[] t) {
        double[] sorted = t.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** Answers each 4-byte request n with n bytes in one write, as a server writing a whole response does. */
    private static final class Responder implements AutoCloseable {

        private final ServerSocket server;

        Responder() throws IOException {
            server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
            Thread.ofVirtual().name("bench-responder-accept").start(this::accept);
        }

        private void accept() {
            while (!server.isClosed()) {
                Socket s;
                try {
                    s = server.accept();
                    s.setTcpNoDelay(true);
                } catch (IOException e) {
                    return; // closed
                }
                Thread.ofVirtual().start(() -> answer(s));
            }
        }

        private static void answer(Socket s) {
            try (s) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                byte[] response = new byte[0];
                while (true) {
                    int n = in.readInt();
                    if (response.length != n) {
                        response = new byte[n];
                    }
                    s.getOutputStream().write(response);
                    s.getOutputStream().flush();
                }
            } catch (IOException ignored) {
                // the client went away
            }
        }

        int port() {
            return server.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
