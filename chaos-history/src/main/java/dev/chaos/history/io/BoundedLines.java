package dev.chaos.history.io;

import dev.chaos.history.HistoryFormatException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Splits a byte stream into lines without ever holding more than {@link #MAX_LINE_BYTES} of one line,
 * so a hostile file (one endless line, binary garbage) costs bounded memory. Lines end at {@code \n};
 * a trailing {@code \r} is dropped. The bytes of the current line stay valid until the next call.
 */
final class BoundedLines {

    /** The longest line any history reader accepts. Real ops are a few hundred bytes. */
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[64 * 1024];
    private int pos;
    private int limit;
    private byte[] line = new byte[1024];
    private int length;
    private long number;
    private boolean terminated;

    BoundedLines(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** Advances to the next line; false at end of input. */
    boolean next() {
        length = 0;
        terminated = false;
        boolean any = false;
        while (true) {
            if (pos == limit) {
                if (!fill()) {
                    if (any) {
                        number++;
                    }
                    return any;
                }
            }
            any = true;
            int start = pos;
            while (pos < limit && buf[pos] != '\n') {
                pos++;
            }
            append(start, pos - start);
            if (pos < limit) {
                pos++; // the newline
                terminated = true;
                number++;
                if (length > 0 && line[length - 1] == '\r') {
                    length--;
                }
                return true;
            }
        }
    }

    private void append(int from, int n) {
        if (n == 0) {
            return;
        }
        if ((long) length + n > MAX_LINE_BYTES) {
            throw new HistoryFormatException(source, number + 1, "line is longer than " + MAX_LINE_BYTES
                    + " bytes; history lines are single ops of a few hundred bytes, so this is not a history"
                    + " (or a value in it is far too large)");
        }
        if (length + n > line.length) {
            byte[] bigger = new byte[Math.min(MAX_LINE_BYTES, Math.max(line.length * 2, length + n))];
            System.arraycopy(line, 0, bigger, 0, length);
            line = bigger;
        }
        System.arraycopy(buf, from, line, length, n);
        length += n;
    }

    private boolean fill() {
        try {
            int n = in.read(buf);
            if (n <= 0) {
                return false;
            }
            pos = 0;
            limit = n;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
    }

    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    /** 1-based number of the current line. */
    long number() {
        return number;
    }

    /** False for a last line with no newline: what a crash mid-write leaves behind. */
    boolean terminated() {
        return terminated;
    }

    boolean isBlank() {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }
}
