package dev.chaos.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each toxic's observable effect on real TCP through the proxy to an echo server. */
class ToxicBehaviourIT {

    ProxyServer server;
    EchoServer echo;
    Link link;

    @BeforeEach
    void start() throws IOException {
        server = ProxyServer.embedded();
        echo = new EchoServer();
        link = server.create("link", "127.0.0.1:0", echo.address(), true);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    Socket connect() throws IOException {
        Socket s = new Socket("127.0.0.1", link.port());
        s.setTcpNoDelay(true);
        s.setSoTimeout(5000);
        return s;
    }

    static byte[] roundTrip(Socket s, byte[] data) throws IOException {
        s.getOutputStream().write(data);
        s.getOutputStream().flush();
        return s.getInputStream().readNBytes(data.length);
    }

    static long medianRoundTripNanos(Socket s, int n) throws IOException {
        long[] t = new long[n];
        byte[] ping = {42};
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            roundTrip(s, ping);
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        return t[n / 2];
    }

    @Test
    void passesBytesThroughUnchanged() throws IOException {
        try (Socket s = connect()) {
            byte[] data = new byte[200_000];
            new java.util.Random(1).nextBytes(data);
            s.getOutputStream().write(data);
            assertArrayEquals(data, s.getInputStream().readNBytes(data.length));
        }
    }

    @Test
    void latencyAddsItsDelayWithin2msAtTheMedian() throws IOException {
        try (Socket s = connect()) {
            long base = medianRoundTripNanos(s, 50);
            server.addToxic("link", new Toxic("lat", ToxicType.LATENCY, Direction.DOWNSTREAM, 1.0, Map.of("latency", 20L)));
            long delayed = medianRoundTripNanos(s, 50);
            double addedMs = (delayed - base) / 1e6;
            assertTrue(Math.abs(addedMs - 20) <= 2, "added " + addedMs + " ms at p50");
            server.removeToxic("link", "lat");
            assertTrue(medianRoundTripNanos(s, 20) < 10_000_000, "removing the toxic removes the delay on the live connection");
        }
    }

    @Test
    void upstreamAndDownstreamAreIndependent() throws IOException {
        try (Socket s = connect()) {
            server.addToxic("link", new Toxic("up", ToxicType.LATENCY, Direction.UPSTREAM, 1.0, Map.of("latency", 15L)));
            server.addToxic("link", new Toxic("down", ToxicType.LATENCY, Direction.DOWNSTREAM, 1.0, Map.of("latency", 10L)));
            double ms = medianRoundTripNanos(s, 20) / 1e6;
            assertTrue(ms >= 25 && ms < 32, "both directions delay a round trip: " + ms + " ms");
        }
    }

    @Test
    void blackHoleDropsBytesButKeepsTheConnectionUntilHealed() throws IOException {
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {1}, roundTrip(s, new byte[] {1}));
            server.addToxic("link", Toxic.blackHole(Direction.UPSTREAM));
            s.setSoTimeout(500);
            s.getOutputStream().write(2);
            assertThrows(SocketTimeoutException.class, () -> s.getInputStream().read(), "the byte vanished");
            try (Socket fresh = connect()) {
                fresh.setSoTimeout(300);
                fresh.getOutputStream().write(3);
                assertThrows(SocketTimeoutException.class, () -> fresh.getInputStream().read(), "new connections too");
            }
            server.removeToxic("link", "chaos_blackhole_upstream");
            s.setSoTimeout(5000);
            assertArrayEquals(new byte[] {4}, roundTrip(s, new byte[] {4}), "same connection works again after the heal");
        }
    }

    @Test
    void timeoutWithADelayClosesTheConnection() throws IOException {
        try (Socket s = connect()) {
            server.addToxic("link", new Toxic("to", ToxicType.TIMEOUT, Direction.DOWNSTREAM, 1.0, Map.of("timeout", 100L)));
            s.getOutputStream().write(1);
            assertEquals(-1, s.getInputStream().read(), "closed after 100 ms, the byte dropped");
        }
    }

    @Test
    void limitDataClosesAfterThatManyBytes() throws IOException {
        server.addToxic("link", new Toxic("ld", ToxicType.LIMIT_DATA, Direction.DOWNSTREAM, 1.0, Map.of("bytes", 10L)));
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[25]);
            byte[] got = s.getInputStream().readAllBytes();
            assertEquals(10, got.length);
        }
    }

    @Test
    void resetPeerResetsTheConnection() throws IOException {
        server.addToxic("link", new Toxic("rp", ToxicType.RESET_PEER, Direction.UPSTREAM, 1.0, Map.of("timeout", 50L)));
        try (Socket s = connect()) {
            IOException e = assertThrows(IOException.class, () -> {
                InputStream in = s.getInputStream();
                while (in.read() >= 0) {
                    // wait for the reset
                }
                throw new IOException("closed without reset");
            });
            assertTrue(e instanceof SocketException && e.getMessage().toLowerCase().contains("reset"), e.toString());
        }
    }

    @Test
    void bandwidthLimitsThroughput() throws IOException {
        server.addToxic("link", new Toxic("bw", ToxicType.BANDWIDTH, Direction.DOWNSTREAM, 1.0, Map.of("rate", 100L)));
        try (Socket s = connect()) {
            long t0 = System.nanoTime();
            roundTrip(s, new byte[20_000]); // 20 KB at 100 KB/s: about 200 ms
            double ms = (System.nanoTime() - t0) / 1e6;
            assertTrue(ms >= 150 && ms < 2000, ms + " ms");
        }
    }

    @Test
    void slicerSplitsWritesIntoSmallPieces() throws IOException {
        server.addToxic("link", new Toxic("sl", ToxicType.SLICER, Direction.DOWNSTREAM, 1.0,
                Map.of("average_size", 10L, "size_variation", 0L, "delay", 2000L)));
        try (Socket s = connect()) {
            s.getOutputStream().write(new byte[100]);
            InputStream in = s.getInputStream();
            int reads = 0;
            int total = 0;
            byte[] buf = new byte[1000];
            while (total < 100) {
                total += in.read(buf);
                reads++;
            }
            assertTrue(reads >= 5, "100 bytes arrived in " + reads + " reads");
        }
    }

    @Test
    void slowCloseDelaysTheClose() throws IOException {
        server.addToxic("link", new Toxic("sc", ToxicType.SLOW_CLOSE, Direction.DOWNSTREAM, 1.0, Map.of("delay", 300L)));
        try (Socket s = connect()) {
            s.shutdownOutput(); // echo closes, proxy holds the close downstream for 300 ms
            long t0 = System.nanoTime();
            assertEquals(-1, s.getInputStream().read());
            assertTrue(System.nanoTime() - t0 >= 250_000_000L, "close arrived late");
        }
    }

    @Test
    void toxicityZeroNeverApplies() throws IOException {
        server.addToxic("link", new Toxic("to", ToxicType.TIMEOUT, Direction.UPSTREAM, 0.0, Map.of("timeout", 0L)));
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {7}, roundTrip(s, new byte[] {7}));
        }
    }

    @Test
    void disabledProxyRefusesAndClosesThenComesBackOnTheSamePort() throws IOException {
        int port = link.port();
        Socket open = connect();
        assertArrayEquals(new byte[] {1}, roundTrip(open, new byte[] {1}));
        server.setEnabled("link", false);
        try {
            assertEquals(-1, open.getInputStream().read(), "open connection closed");
        } catch (SocketException reset) {
            assertTrue(reset.getMessage().contains("reset"), "closed by a reset: " + reset);
        }
        open.close();
        assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        server.setEnabled("link", true);
        assertEquals(port, link.port());
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {9}, roundTrip(s, new byte[] {9}));
        }
    }

    @Test
    void disableThenEnableRebindsTheSamePortEveryTime() throws IOException {
        int port = link.port();
        for (int i = 0; i < 100; i++) {
            server.setEnabled("link", false);
            server.setEnabled("link", true);
        }
        assertEquals(port, link.port());
        try (Socket s = connect()) {
            assertArrayEquals(new byte[] {5}, roundTrip(s, new byte[] {5}));
        }
    }

    @Test
    void thousandConcurrentConnectionsEcho() throws Exception {
        int n = 1000;
        Socket[] sockets = new Socket[n];
        try {
            for (int i = 0; i < n; i++) {
                sockets[i] = connect();
            }
            for (int i = 0; i < n; i++) {
                OutputStream out = sockets[i].getOutputStream();
                out.write(new byte[] {(byte) i, (byte) (i >> 8)});
            }
            for (int i = 0; i < n; i++) {
                assertArrayEquals(new byte[] {(byte) i, (byte) (i >> 8)}, sockets[i].getInputStream().readNBytes(2), "connection " + i);
            }
            assertEquals(n, link.openConnections());
        } finally {
            for (Socket s : sockets) {
                if (s != null) {
                    s.close();
                }
            }
        }
    }
}
