package dev.chaos.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A black hole put on a link while connections are being opened through it, or while one waits for
 * its upstream (the dial retry), lets no byte through once it is in place: not on the connections
 * open then, not on those accepted or dialled after (issue 18: a split whose cut links forwarded).
 */
class BlackHoleRaceIT {

    ProxyServer server;
    EchoServer echo;
    Link link;

    @BeforeEach
    void start() throws IOException {
        server = ProxyServer.embedded();
        echo = new EchoServer();
        link = server.create("race", "127.0.0.1:0", echo.address(), true);
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        echo.close();
    }

    @Test
    void connectionsOpenedInATightLoopWhileTheBlackHolesGoOnForwardNothingAfter() throws Exception {
        AtomicBoolean go = new AtomicBoolean(true);
        AtomicBoolean holed = new AtomicBoolean();
        AtomicLong echoedAfter = new AtomicLong();
        AtomicLong opened = new AtomicLong();
        List<Thread> openers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            openers.add(Thread.ofVirtual().start(() -> {
                while (go.get()) {
                    boolean openedHoled = holed.get();
                    try (Socket s = new Socket("127.0.0.1", link.port())) {
                        opened.incrementAndGet();
                        s.setSoTimeout(150);
                        s.getOutputStream().write(new byte[512]);
                        int got = readQuietly(s.getInputStream());
                        if (openedHoled && got > 0) {
                            echoedAfter.addAndGet(got);
                        }
                    } catch (IOException ignored) {
                        // refused or reset under load: try the next
                    }
                }
            }));
        }
        Thread.sleep(300); // connections come and go, echoed
        long before = opened.get();
        server.addToxic("race", Toxic.blackHole(Direction.UPSTREAM));
        server.addToxic("race", Toxic.blackHole(Direction.DOWNSTREAM));
        holed.set(true);
        Thread.sleep(200); // chunks that passed the toxic lookup before it was published are written
        long up = link.bytesUp.get();
        long down = link.bytesDown.get();
        long openedAtBaseline = opened.get();
        Thread.sleep(1500);
        go.set(false);
        for (Thread t : openers) {
            t.join();
        }
        long openedHeld = opened.get() - openedAtBaseline;
        System.out.println("BlackHoleRaceIT: " + before + " connections before the black holes, " + openedHeld + " while held; forwarded "
                + (link.bytesUp.get() - up) + " up, " + (link.bytesDown.get() - down) + " down; dropped " + link.droppedUp.get() + " up");
        assertTrue(before > 0 && openedHeld > 0, "connections were opened before and while held: " + before + ", " + openedHeld);
        assertEquals(0, link.bytesUp.get() - up, "bytes forwarded upstream while held");
        assertEquals(0, link.bytesDown.get() - down, "bytes forwarded downstream while held");
        assertEquals(0, echoedAfter.get(), "bytes a connection opened while held got back");
        assertTrue(link.droppedUp.get() > 0, "the black hole was felt");
    }

    @Test
    void aConnectionWaitingForItsUpstreamWhenTheBlackHoleGoesOnForwardsNothingOnceDialled() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Link waiting = server.create("waiting", "127.0.0.1:0", "127.0.0.1:" + port, true);
        try (Socket s = new Socket("127.0.0.1", waiting.port())) {
            s.setSoTimeout(1500);
            s.getOutputStream().write(new byte[] {1, 2, 3});
            Thread.sleep(200); // accepted; the upstream refuses, the dial is being retried
            server.addToxic("waiting", Toxic.blackHole(Direction.UPSTREAM));
            server.addToxic("waiting", Toxic.blackHole(Direction.DOWNSTREAM));
            try (EchoServer late = new EchoServer(port)) {
                int got = readQuietly(s.getInputStream());
                assertEquals(0, got, "bytes echoed through a black hole");
            }
        }
        assertEquals(0, waiting.bytesUp.get(), "bytes forwarded upstream");
        assertEquals(3, waiting.droppedUp.get(), "the bytes sent while it dialled were dropped");
    }

    /** Bytes read until a timeout or the end of the stream. */
    private static int readQuietly(InputStream in) throws IOException {
        int total = 0;
        byte[] buf = new byte[1024];
        try {
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
        } catch (SocketTimeoutException | java.net.SocketException quiet) {
            // silence (a black hole) or a reset
        }
        return total;
    }
}
