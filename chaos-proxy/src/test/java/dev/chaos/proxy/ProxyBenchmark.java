package dev.chaos.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The proxy's cost with no toxics, against a direct loopback connection to the same echo server:
 * bulk throughput (8 MiB echoed per op; MB/s = 16.8 / score in s) and the round trip of one byte
 * (sample mode gives p50/p99; the difference is the proxy's added latency).
 *
 * <pre>scripts/bench chaos-proxy ProxyBenchmark -f 1 -wi 2 -i 3 -r 3</pre>
 */
@State(Scope.Benchmark)
public class ProxyBenchmark {

    /**
     * direct: to the echo server; proxied: through chaos' proxy; socat: through {@code socat} (a C
     * user-space forwarder, when installed), the yardstick for what any user-space proxy costs here.
     */
    @Param({"direct", "proxied", "socat"})
    public String path;

    private Process socat;

    private ProxyServer server;
    private EchoServer echo;
    private Socket socket;
    private final byte[] bulk = new byte[8 << 20];
    private final byte[] in = new byte[64 * 1024];

    @Setup(Level.Trial)
    public void start() throws IOException {
        echo = new EchoServer();
        server = ProxyServer.embedded();
        Link link = server.create("bench", "127.0.0.1:0", echo.address(), true);
        int port = switch (path) {
            case "direct" -> Integer.parseInt(echo.address().split(":")[1]);
            case "socat" -> startSocat();
            default -> link.port();
        };
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
    }

    private int startSocat() throws IOException {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        socat = new ProcessBuilder("socat", "TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr,fork,nodelay",
                "TCP:" + echo.address() + ",nodelay").inheritIO().start();
        for (int i = 0; i < 100; i++) {
            try (Socket probe = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return port;
            } catch (IOException e) {
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ie) {
                    throw new IOException(ie);
                }
            }
        }
        throw new IOException("socat did not listen (is it installed? apt-get install socat)");
    }

    @TearDown(Level.Trial)
    public void stop() throws IOException {
        if (socat != null) {
            socat.descendants().forEach(ProcessHandle::destroy);
            socat.destroy();
        }
        socket.close();
        server.close();
        echo.close();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long bulkEcho8MiB() throws Exception {
        OutputStream out = socket.getOutputStream();
        InputStream is = socket.getInputStream();
        Thread writer = Thread.ofVirtual().start(() -> {
            try {
                out.write(bulk);
                out.flush();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        long got = 0;
        while (got < bulk.length) {
            int n = is.read(in);
            if (n < 0) {
                throw new IOException("closed");
            }
            got += n;
        }
        writer.join();
        return got;
    }

    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public int pingPong() throws IOException {
        socket.getOutputStream().write(1);
        return socket.getInputStream().read();
    }
}
