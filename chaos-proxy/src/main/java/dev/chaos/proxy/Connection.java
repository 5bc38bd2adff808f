package dev.chaos.proxy;

import dev.chaos.proxy.toxic.Chunk;
import dev.chaos.proxy.toxic.ToxicPipe;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
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
 */
final class Connection {

    private static final int CHUNK = 32 * 1024;

    private final Link link;
    private final Socket client;
    private final Socket server;
    private final Map<Toxic, Boolean> applies = new ConcurrentHashMap<>();
    private final long[] transferred = new long[2];
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger pumpsRunning = new AtomicInteger(2);

    Connection(Link link, Socket client, Socket server) {
        this.link = link;
        this.client = client;
        this.server = server;
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
        byte[] buf = new byte[CHUNK];
        InFlight chunk = new InFlight();
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0 && !forward(d, chunk, buf, n, out)) {
                    close();
                    return;
                }
            }
            // end of stream: pass the half-close on, late if a toxic holds it (slow_close)
            for (Link.Active a : link.toxics(d)) {
                if (applies(a.toxic())) {
                    a.pipe().onEnd();
                }
            }
            if (!to.isClosed()) {
                to.shutdownOutput();
            }
        } catch (IOException | InterruptedException e) {
            close();
        } finally {
            if (pumpsRunning.decrementAndGet() == 0) {
                close();
            }
        }
    }

    /** Sends one chunk through the toxics; false when the connection must close. */
    private boolean forward(Direction d, InFlight chunk, byte[] buf, int n, OutputStream out) throws IOException, InterruptedException {
        chunk.next(n, transferred[d.ordinal()]);
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
        if (chunk.writer == null) {
            out.write(buf, 0, chunk.send);
        } else {
            chunk.writer.write(out, buf, chunk.send);
        }
        out.flush();
        transferred[d.ordinal()] += chunk.send;
        link.countBytes(d, chunk.send);
        return !chunk.closeAfter;
    }

    /** The chunk a pump is forwarding, as its toxics left it; one per pump, reused. */
    private static final class InFlight implements Chunk {
        private int length;
        private long forwardedBefore;
        int send;
        boolean dropped;
        boolean closeAfter;
        Chunk.Writer writer;

        void next(int n, long forwarded) {
            length = n;
            forwardedBefore = forwarded;
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
