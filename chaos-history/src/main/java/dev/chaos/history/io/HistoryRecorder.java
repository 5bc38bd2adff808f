package dev.chaos.history.io;

import dev.chaos.history.HistoryHeader;
import dev.chaos.history.Op;
import dev.chaos.history.PairingRules;
import java.io.Closeable;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends ops to a {@code history.jsonl} as they happen, from any number of threads.
 *
 * <p>Ordering: one lock covers stamping (index, time), the pairing check and the append to a pending
 * buffer, so file order, index order and time order are one order. Durability: {@link #record}
 * returns only after its line has gone to the operating system, so if the JVM dies every recorded op
 * is in the file and at most one line is cut short, which readers accept.
 *
 * <p>Group commit: the write system call happens outside the stamping lock, under a second lock; the
 * appender that takes it writes every pending line at once, and the others find theirs already
 * written. Under contention that turns N system calls into one and keeps the stamping lock short
 * (the JSON is built before it is taken). ReentrantLock, not {@code synchronized}: clients run on
 * virtual threads, and Java 21 pins a virtual thread that blocks inside a synchronized block.
 */
public final class HistoryRecorder implements Closeable {

    private final OutputStream out;
    private final long startNanos;
    private final PairingRules rules;
    private final ReentrantLock stampLock = new ReentrantLock();
    private final ReentrantLock writeLock = new ReentrantLock();

    // guarded by stampLock
    private byte[] pending = new byte[64 * 1024];
    private int pendingLength;
    private long nextIndex;
    private boolean closed;
    private final StringBuilder head = new StringBuilder(48);

    // guarded by writeLock
    private byte[] writing = new byte[64 * 1024];
    private long written; // ops whose lines are in the OS

    private HistoryRecorder(OutputStream out, HistoryHeader header, String source) throws IOException {
        this.out = out;
        this.rules = new PairingRules(source);
        this.startNanos = System.nanoTime();
        StringBuilder sb = new StringBuilder(256);
        JsonText.header(header, sb);
        sb.append('\n');
        out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Creates (or truncates) the file and writes the header. Time 0 of the history is now. */
    public static HistoryRecorder create(Path file, HistoryHeader header) throws IOException {
        FileOutputStream out = new FileOutputStream(file.toFile());
        try {
            return new HistoryRecorder(out, header, file.toString());
        } catch (IOException e) {
            out.close();
            throw e;
        }
    }

    /** Records to any stream (tests, stdout). The stream is closed with the recorder. */
    public static HistoryRecorder to(OutputStream out, HistoryHeader header) throws IOException {
        return new HistoryRecorder(out, header, "history");
    }

    /**
     * Stamps the op with the next index and the current time, checks it against the pairing rules and
     * appends it; returns once its line is written. Returns the op as recorded.
     *
     * @throws dev.chaos.history.HistoryFormatException if the op breaks the pairing rules (a bug in
     *                                                  the caller: nothing is written)
     */
    public Op record(Op draft) {
        StringBuilder tail = new StringBuilder(128);
        JsonText.opTail(draft, tail);
        tail.append('\n');
        byte[] tailBytes = tail.toString().getBytes(StandardCharsets.UTF_8);
        Op op;
        long mine;
        stampLock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("history recorder is closed");
            }
            op = draft.withIndexAndTime(nextIndex, System.nanoTime() - startNanos);
            rules.accept(op, nextIndex + 2); // line 1 is the header
            head.setLength(0);
            JsonText.opHead(op.index(), op.time(), head);
            appendPending(head, tailBytes);
            mine = ++nextIndex;
        } finally {
            stampLock.unlock();
        }
        writeThrough(mine);
        return op;
    }

    private void appendPending(StringBuilder headText, byte[] tailBytes) {
        int need = headText.length() + tailBytes.length; // the head is ASCII
        if (pendingLength + need > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + need));
        }
        for (int i = 0; i < headText.length(); i++) {
            pending[pendingLength++] = (byte) headText.charAt(i);
        }
        System.arraycopy(tailBytes, 0, pending, pendingLength, tailBytes.length);
        pendingLength += tailBytes.length;
    }

    /** Makes sure ops up to number {@code upTo} are written, writing everything pending if they are not. */
    private void writeThrough(long upTo) {
        writeLock.lock();
        try {
            if (written >= upTo) {
                return; // another appender's write carried this line
            }
            int length;
            long through;
            stampLock.lock();
            try {
                byte[] full = pending;
                pending = writing;
                writing = full;
                length = pendingLength;
                pendingLength = 0;
                through = nextIndex;
            } finally {
                stampLock.unlock();
            }
            out.write(writing, 0, length);
            out.flush();
            written = through;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the history", e);
        } finally {
            writeLock.unlock();
        }
    }

    /** A {@link System#nanoTime} reading as this history's time: nanoseconds since time 0. */
    public long timeOf(long nanoTime) {
        return nanoTime - startNanos;
    }

    /** Nanoseconds since time 0 of this history, on the same clock as the recorded ops. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    /** Number of ops recorded so far. */
    public long size() {
        stampLock.lock();
        try {
            return nextIndex;
        } finally {
            stampLock.unlock();
        }
    }

    @Override
    public void close() throws IOException {
        writeLock.lock();
        try {
            stampLock.lock();
            try {
                if (closed) {
                    return;
                }
                closed = true;
            } finally {
                stampLock.unlock();
            }
            out.close();
        } finally {
            writeLock.unlock();
        }
    }
}
