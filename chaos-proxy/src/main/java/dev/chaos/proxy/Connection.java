package dev.chaos.proxy;

import dev.chaos.proxy.toxic.Chunk;
import dev.chaos.proxy.toxic.ToxicPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection through a {@link Link}: two pumps on virtual threads, one per direction,
 * each reading a chunk, passing it through the toxics active on its direction at that moment, and
 * writing it on. What a toxic does is its {@link ToxicPipe}; which toxics apply, in what order and
 * when is decided here. Toxics are looked up per chunk, so adding or removing one changes a live
 * connection from its next chunk on, and bytes already forwarded are never taken back.
 *
 * <p>A chunk a toxic delays (latency) goes to its direction's {@link DelayLine} and is written from
 * there while the pump reads on; everything after it in that direction, the end of stream
 * included, waits its turn behind it. Undelayed chunks on an empty line are written by the pump.
 */
final class Connection {

    private static final int CHUNK = 32 * 1024;

    /**
     * Bytes a direction may hold for delaying toxics (latency). Like a real link's window it caps
     * throughput at this much per latency (40 MiB/s at 100 ms), and it caps the proxy's memory per
     * connection at twice this, however fast the sender.
     */
    static final int DELAYED_BYTES = 4 << 20;

    private final Link link;
    private final Socket client;
    private final Socket server;
    private final Map<Toxic, Boolean> applies = new ConcurrentHashMap<>();
    private final long[] transferred = new long[2];
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger directionsEnded = new AtomicInteger();
    private final DelayLine[] lines = new DelayLine[2];

    Connection(Link link, Socket client, Socket server) {
        this.link = link;
        this.client = client;
        this.server = server;
        for (Direction d : Direction.values()) {
            lines[d.ordinal()] = new DelayLine("proxy-" + link.name() + "-" + d.wire() + "-delayed", DELAYED_BYTES, this::close);
        }
    }

    void start() {
        if (resetAtOnce(link.toxics(Direction.UPSTREAM)) || resetAtOnce(link.toxics(Direction.DOWNSTREAM))) {
            reset(); // before any byte is pumped: a rejecting link lets nothing through, not even a first chunk
            return;
        }
        Thread.ofVirtual().name("proxy-" + link.name() + "-up").start(() -> pump(Direction.UPSTREAM, client, server));
        Thread.ofVirtual().name("proxy-" + link.name() + "-down").start(() -> pump(Direction.DOWNSTREAM, server, client));
        for (Link.Active a : link.toxics(Direction.UPSTREAM)) {
            toxicStarted(a);
        }
        for (Link.Active a : link.toxics(Direction.DOWNSTREAM)) {
            toxicStarted(a);
        }
    }

    private boolean resetAtOnce(Link.Active[] toxics) {
        for (Link.Active a : toxics) {
            ToxicPipe.Deadline d = a.pipe().deadline();
            if (d != null && d.reset() && d.millis() == 0 && applies(a.toxic())) {
                return true;
            }
        }
        return false;
    }

    /** A toxic that acts on time rather than on data starts its clock on this connection. */
    void toxicStarted(Link.Active a) {
        ToxicPipe.Deadline deadline = a.pipe().deadline();
        if (deadline == null || !applies(a.toxic())) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(deadline.millis());
            } catch (InterruptedException e) {
                return;
            }
            if (link.hasToxic(a.toxic())) {
                if (deadline.reset()) {
                    reset();
                } else {
                    close();
                }
            }
        });
    }

    private boolean applies(Toxic t) {
        if (t.toxicity() >= 1.0) {
            return true;
        }
        return applies.computeIfAbsent(t, k -> ThreadLocalRandom.current().nextDouble() < k.toxicity());
    }

    private void pump(Direction d, Socket from, Socket to) {
        DelayLine line = lines[d.ordinal()];
        byte[] buf = new byte[CHUNK];
        InFlight chunk = new InFlight();
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0 && !forward(d, chunk, buf, n, out)) {
                    return; // cut short: the connection closes once that chunk is written
                }
            }
            afterHeld(line, () -> endOfStream(d, to));
        } catch (IOException e) {
            if (!closed.get()) {
                // a read or write failed (a reset): what was read before still goes out, then the connection closes
                try {
                    afterHeld(line, this::close);
                } catch (IOException | InterruptedException ignored) {
                    close();
                }
            }
        } catch (InterruptedException e) {
            close();
        }
    }

    /** Runs a delivery that carries no bytes now, or once what the line holds has been written. */
    private static void afterHeld(DelayLine line, DelayLine.Delivery delivery) throws IOException, InterruptedException {
        long now = System.nanoTime();
        if (line.idle(now)) {
            delivery.run();
        } else {
            line.enqueue(now, 0, delivery);
        }
    }

    /** Passes the end of stream on, late if a toxic holds it (slow_close); both ended, the connection closes. */
    private void endOfStream(Direction d, Socket to) throws IOException, InterruptedException {
        for (Link.Active a : link.toxics(d)) {
            if (applies(a.toxic())) {
                a.pipe().onEnd();
            }
        }
        if (!to.isClosed()) {
            to.shutdownOutput();
        }
        if (directionsEnded.incrementAndGet() == 2) {
            close();
        }
    }

    /**
     * Passes one chunk through the toxics and writes it, now or, when a toxic delays it, from the
     * direction's delay line; false when the connection must close after it.
     */
    private boolean forward(Direction d, InFlight chunk, byte[] buf, int n, OutputStream out) throws IOException, InterruptedException {
        chunk.next(n, transferred[d.ordinal()], System.nanoTime());
        for (Link.Active a : link.toxics(d)) {
            if (!applies(a.toxic())) {
                continue;
            }
            a.pipe().onChunk(chunk);
            if (chunk.dropped) {
                link.countDropped(d, n);
                return true; // data vanishes; the connection stays (or closes on the toxic's own clock)
            }
        }
        int send = chunk.send;
        Chunk.Writer writer = chunk.writer;
        boolean closeAfter = chunk.closeAfter;
        transferred[d.ordinal()] += send;
        DelayLine line = lines[d.ordinal()];
        boolean now = line.idle(chunk.due);
        byte[] data = now ? buf : Arrays.copyOf(buf, send); // the pump reads the next chunk into buf meanwhile
        DelayLine.Delivery delivery = () -> {
            write(d, out, data, send, writer);
            if (closeAfter) {
                close();
            }
        };
        if (now) {
            delivery.run();
        } else {
            line.enqueue(chunk.due, send, delivery);
        }
        return !closeAfter;
    }

    private void write(Direction d, OutputStream out, byte[] data, int length, Chunk.Writer writer) throws IOException, InterruptedException {
        if (writer == null) {
            out.write(data, 0, length);
        } else {
            writer.write(out, data, length);
        }
        out.flush();
        link.countBytes(d, length);
    }

    /** The chunk a pump is forwarding, as its toxics left it; one per pump, reused. */
    private static final class InFlight implements Chunk {
        private int length;
        private long forwardedBefore;
        long due;
        int send;
        boolean dropped;
        boolean closeAfter;
        Chunk.Writer writer;

        void next(int n, long forwarded, long readAt) {
            length = n;
            forwardedBefore = forwarded;
            due = readAt;
            send = n;
            dropped = false;
            closeAfter = false;
            writer = null;
        }

        @Override
        public int length() {
            return length;
        }

        @Override
        public long forwardedBefore() {
            return forwardedBefore;
        }

        @Override
        public int toSend() {
            return send;
        }

        @Override
        public void drop() {
            dropped = true;
        }

        @Override
        public void cutShort(int bytes) {
            send = bytes;
            closeAfter = true;
        }

        @Override
        public void writeWith(Chunk.Writer w) {
            writer = w;
        }

        @Override
        public void delay(long nanos) {
            if (nanos > 0) {
                due += nanos;
            }
        }
    }

    /** Closes both sides with a TCP reset instead of an orderly close. */
    void reset() {
        if (!closed.get()) {
            link.resets.incrementAndGet();
        }
        try {
            client.setSoLinger(true, 0);
            server.setSoLinger(true, 0);
        } catch (IOException ignored) {
            // already closed
        }
        close();
    }

    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (DelayLine line : lines) {
            line.stop();
        }
        closeQuietly(client);
        closeQuietly(server);
        link.forget(this);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // nothing left to do
        }
    }
}
