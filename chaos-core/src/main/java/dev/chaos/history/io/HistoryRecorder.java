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
import java.util.concurrent.locks.ReentrantLock;

/**
 * Appends ops to a {@code history.jsonl} as they happen, from any number of threads.
 *
 * <p>One lock covers stamping (index, time), the pairing check and the write, so file order, index
 * order and time order are the same order. Each line goes to the operating system in one write
 * before {@link #record} returns: if the JVM dies, every recorded op is in the file and at most the
 * line being written is cut short, which readers accept. A ReentrantLock, not {@code synchronized},
 * because clients run on virtual threads and Java 21 pins a virtual thread that blocks in a
 * synchronized block.
 */
public final class HistoryRecorder implements Closeable {

    private final OutputStream out;
    private final long startNanos;
    private final PairingRules rules;
    private final ReentrantLock lock = new ReentrantLock();
    private final StringBuilder line = new StringBuilder(256);
    private long nextIndex;
    private boolean closed;

    private HistoryRecorder(OutputStream out, HistoryHeader header, String source) {
        this.out = out;
        this.rules = new PairingRules(source);
        this.startNanos = System.nanoTime();
        JsonText.header(header, line);
        writeLine();
    }

    /** Creates (or truncates) the file and writes the header. Time 0 of the history is now. */
    public static HistoryRecorder create(Path file, HistoryHeader header) throws IOException {
        return new HistoryRecorder(new FileOutputStream(file.toFile()), header, file.toString());
    }

    /** Records to any stream (tests, stdout). The stream is closed with the recorder. */
    public static HistoryRecorder to(OutputStream out, HistoryHeader header) {
        return new HistoryRecorder(out, header, "history");
    }

    /**
     * Stamps the op with the next index and the current time, checks it against the pairing rules and
     * appends it. Returns the op as recorded.
     *
     * @throws dev.chaos.history.HistoryFormatException if the op breaks the pairing rules (a bug in
     *                                                  the caller: nothing is written)
     */
    public Op record(Op draft) {
        lock.lock();
        try {
            if (closed) {
                throw new IllegalStateException("history recorder is closed");
            }
            Op op = draft.withIndexAndTime(nextIndex, System.nanoTime() - startNanos);
            rules.accept(op, nextIndex + 2); // line 1 is the header
            line.setLength(0);
            JsonText.op(op, line);
            writeLine();
            nextIndex++;
            return op;
        } finally {
            lock.unlock();
        }
    }

    /** Nanoseconds since time 0 of this history, on the same clock as the recorded ops. */
    public long elapsedNanos() {
        return System.nanoTime() - startNanos;
    }

    public long size() {
        lock.lock();
        try {
            return nextIndex;
        } finally {
            lock.unlock();
        }
    }

    private void writeLine() {
        line.append('\n');
        try {
            out.write(line.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the history", e);
        }
    }

    @Override
    public void close() throws IOException {
        lock.lock();
        try {
            if (!closed) {
                closed = true;
                out.close();
            }
        } finally {
            lock.unlock();
        }
    }
}
