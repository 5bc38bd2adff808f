package dev.chaos.proxy.toxic;

import java.io.IOException;
import java.io.OutputStream;

/** One read's worth of bytes on its way through a direction of a connection, as toxics see it. */
public interface Chunk {

    /** How many bytes were read. */
    int length();

    /** How many bytes this direction of the connection forwarded before this chunk. */
    long forwardedBefore();

    /** How many bytes of it will be forwarded: {@link #length()} unless a toxic cut it short. */
    int toSend();

    /** None of it is forwarded, and the toxics after this one do not see it; the connection stays open. */
    void drop();

    /** Only the first {@code bytes} of it are forwarded, and then the connection is closed. */
    void cutShort(int bytes);

    /**
     * It is written {@code nanos} later than it would have been, counting from when it was read;
     * delays of several toxics add up, and negative ones count as none. The chunks after it are
     * read meanwhile, and none of them is written before it.
     */
    void delay(long nanos);

    /** It is written by {@code writer} rather than in one write; when several toxics ask, the last wins. */
    void writeWith(Writer writer);

    /** Writes the first {@code length} bytes of {@code buf}; the proxy flushes after it. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out, byte[] buf, int length) throws IOException, InterruptedException;
    }
}
