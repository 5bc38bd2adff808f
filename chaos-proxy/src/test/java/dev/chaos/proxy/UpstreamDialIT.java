package dev.chaos.proxy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A client accepted by the proxy while its upstream does not listen yet: on a direct link its
 * connect would be refused and retried; through the proxy it gets the connection once the upstream
 * listens within the dial patience, and a closed connection only when it never does.
 */
class UpstreamDialIT {

    ProxyServer server;
    int upstreamPort;
    Link link;

    @BeforeEach
    void start() throws IOException {
        server = ProxyServer.embedded();
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            upstreamPort = probe.getLocalPort(); // free again once closed: nothing listens there
        }
        link = server.create("link", "127.0.0.1:0", "127.0.0.1:" + upstreamPort, true);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void anUpstreamThatStartsListeningShortlyAfterTheConnectGetsTheConnection() throws Exception {
        try (Socket s = new Socket("127.0.0.1", link.port())) {
            s.setSoTimeout(5000);
            s.getOutputStream().write(new byte[] {1, 2, 3});
            Thread.sleep(300); // the proxy has accepted and found the upstream refusing meanwhile
            try (EchoServer echo = new EchoServer(upstreamPort)) {
                assertArrayEquals(new byte[] {1, 2, 3}, s.getInputStream().readNBytes(3), "bytes sent before the upstream listened");
                assertArrayEquals(new byte[] {4}, ToxicBehaviourIT.roundTrip(s, new byte[] {4}));
            }
        }
        assertEquals(0, link.dialsRefused.get());
    }

    @Test
    void anUpstreamThatNeverListensClosesTheClientAfterThePatience() throws Exception {
        try (Socket s = new Socket("127.0.0.1", link.port())) {
            s.setSoTimeout((int) Link.DIAL_PATIENCE_MILLIS + 5000);
            long t0 = System.nanoTime();
            int read;
            try {
                read = s.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(-1, read, "closed, not data");
            assertTrue(waitedMillis >= Link.DIAL_PATIENCE_MILLIS / 2, "closed only after retrying, waited " + waitedMillis + " ms");
        }
        assertEquals(1, link.dialsRefused.get());
    }

    @Test
    void disablingTheLinkEndsTheWaitForItsUpstream() throws Exception {
        try (Socket s = new Socket("127.0.0.1", link.port())) {
            s.setSoTimeout(10_000);
            Thread.sleep(100);
            long t0 = System.nanoTime();
            server.setEnabled("link", false);
            int read;
            try {
                read = s.getInputStream().read();
            } catch (SocketException reset) {
                read = -1;
            }
            assertEquals(-1, read);
            long waitedMillis = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitedMillis < Link.DIAL_PATIENCE_MILLIS, "closed at the disable, not after the patience: " + waitedMillis + " ms");
        }
    }
}
