package dev.chaos.proxy;

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
 * writing it on. Toxics are looked up per chunk, so adding or removing one changes a live connection
 * from its next chunk on, and bytes already forwarded are never taken back.
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
        Thread.ofVirtual().name("proxy-" + link.name() + "-up").start(() -> pump(Direction.UPSTREAM, client, server));
        Thread.ofVirtual().name("proxy-" + link.name() + "-down").start(() -> pump(Direction.DOWNSTREAM, server, client));
        for (Toxic t : link.toxics(Direction.UPSTREAM)) {
            toxicStarted(t);
        }
        for (Toxic t : link.toxics(Direction.DOWNSTREAM)) {
            toxicStarted(t);
        }
    }

    /** A toxic that acts on time rather than on data starts its clock on this connection. */
    void toxicStarted(Toxic t) {
        boolean timed = (t.type() == ToxicType.TIMEOUT && t.attr("timeout") > 0) || t.type() == ToxicType.RESET_PEER;
        if (!timed || !applies(t)) {
            return;
        }
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(t.attr("timeout"));
            } catch (InterruptedException e) {
                return;
            }
            if (link.hasToxic(t)) {
                if (t.type() == ToxicType.RESET_PEER) {
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
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int n;
            while ((n = in.read(buf)) >= 0) {
                if (n > 0 && !forward(d, buf, n, out)) {
                    close();
                    return;
                }
            }
            // end of stream: pass the half-close on, late if a slow_close toxic says so
            for (Toxic t : link.toxics(d)) {
                if (t.type() == ToxicType.SLOW_CLOSE && applies(t)) {
                    Thread.sleep(t.attr("delay"));
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
    private boolean forward(Direction d, byte[] buf, int n, OutputStream out) throws IOException, InterruptedException {
        Toxic slicer = null;
        int send = n;
        boolean closeAfter = false;
        for (Toxic t : link.toxics(d)) {
            if (!applies(t)) {
                continue;
            }
            switch (t.type()) {
                case TIMEOUT:
                    return true; // data vanishes; the connection stays (or closes on the toxic's own clock)
                case LATENCY: {
                    long jitter = t.attr("jitter");
                    long delay = t.attr("latency") + (jitter > 0 ? ThreadLocalRandom.current().nextLong(-jitter, jitter + 1) : 0);
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    break;
                }
                case BANDWIDTH: {
                    long rate = t.attr("rate");
                    if (rate > 0) {
                        long nanos = n * 1_000_000L / rate; // rate KB/s = rate bytes/ms
                        Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
                    }
                    break;
                }
                case LIMIT_DATA: {
                    long left = t.attr("bytes") - transferred[d.ordinal()];
                    if (left < send) {
                        send = (int) Math.max(0, left);
                        closeAfter = true;
                    }
                    break;
                }
                case SLICER:
                    slicer = t;
                    break;
                default:
                    break;
            }
        }
        if (slicer == null || slicer.attr("average_size") <= 0) {
            out.write(buf, 0, send);
        } else {
            long avg = slicer.attr("average_size");
            long var = Math.min(slicer.attr("size_variation"), avg - 1);
            int off = 0;
            while (off < send) {
                long size = avg + (var > 0 ? ThreadLocalRandom.current().nextLong(-var, var + 1) : 0);
                int piece = (int) Math.min(send - off, Math.max(1, size));
                out.write(buf, off, piece);
                out.flush();
                off += piece;
                long micros = slicer.attr("delay");
                if (micros > 0 && off < send) {
                    Thread.sleep(micros / 1000, (int) (micros % 1000) * 1000);
                }
            }
        }
        out.flush();
        transferred[d.ordinal()] += send;
        link.countBytes(d, send);
        return !closeAfter;
    }

    /** Closes both sides with a TCP reset instead of an orderly close. */
    void reset() {
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
